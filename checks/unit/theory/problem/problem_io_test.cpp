// theory/problem/problem_io.hpp: problem files and CSV data files. Every malformed input gives a ProblemError naming
// the file, the place and the problem; good files read (numbers from their decimal text, CSV rows with their line
// origins, any line end); FIFOs, oversized files and overlong names are refused before they are read.
#include "theory/problem/problem_io.hpp"

#include "checks/unit/scratch.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

using namespace irverify;

namespace {
const std::string kProblemData = IRVERIFY_TEST_DATA;

// The error message of reading `file`, or "" if it reads.
std::string problem_file_error(const std::string& file) {
  try {
    (void)read_problem_file(kProblemData + "/" + file);
  } catch (const ProblemError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(ProblemIo, HandWrittenLeastSquaresReads) {
  const ProblemSpec s = read_problem_file(kProblemData + "/least_squares_hand.json");
  EXPECT_EQ(s.model, "least-squares");
  EXPECT_EQ(s.dim(), 2);
  EXPECT_EQ(s.num_examples(), 3);
  const Problem<mp50> p = build_problem<mp50>(s);
  EXPECT_EQ(p.theta0(0), mp50(1) / 10);  // "0.1" read from its decimal text, not through double
  EXPECT_TRUE(p.has_h0);
}

TEST(ProblemIo, CsvDataFileReadsWithLineOrigins) {
  const ProblemSpec s = read_problem_file(kProblemData + "/two_layer_csv.json");
  EXPECT_EQ(s.num_examples(), 3);
  EXPECT_EQ(s.dim(), 2 * (2 + 1));
  ASSERT_EQ(s.data_where.size(), 3u);
  EXPECT_NE(s.data_where[0].find("two_layer_points.csv:2"), std::string::npos);  // line 1 is a comment
}

struct BadProblemFile {
  const char* file;
  const char* expect;  // a phrase the message must contain
};

class ProblemIoBadFile : public ::testing::TestWithParam<BadProblemFile> {};

TEST_P(ProblemIoBadFile, ClearErrorNamingFileAndProblem) {
  const std::string msg = problem_file_error(std::string("bad/") + GetParam().file);
  ASSERT_FALSE(msg.empty()) << GetParam().file << " was accepted";
  EXPECT_NE(msg.find(GetParam().file), std::string::npos) << msg;
  EXPECT_NE(msg.find(GetParam().expect), std::string::npos) << msg;
}

INSTANTIATE_TEST_SUITE_P(
    Files, ProblemIoBadFile,
    ::testing::Values(BadProblemFile{"ragged_rows.json", "data[1]: row has 2 entries, expected 3"},
                      BadProblemFile{"nan_value.json", "'nan' is not a finite decimal number"},
                      BadProblemFile{"wrong_theta_dim.json", "theta0 has 3 entries, but model diag-uv with this data has 4"},
                      BadProblemFile{"unknown_model.json", "unknown model 'resnet-50'"},
                      BadProblemFile{"nonpositive_step.json", "h0 = -0.5 is not positive"},
                      BadProblemFile{"bad_json.json", "bad_json.json:3: invalid JSON"},
                      BadProblemFile{"csv_ragged.json", "ragged.csv:3: row has 2 entries, expected 3"},
                      BadProblemFile{"csv_inf.json", "inf.csv:2: column 2: 'inf' is not a finite decimal number"},
                      BadProblemFile{"missing_data_file.json", "does_not_exist.csv: cannot open data file"}),
    [](const auto& info) {
      std::string s = info.param.file;
      return s.substr(0, s.find('.'));
    });

TEST(ProblemIo, MissingFileIsAnError) {
  EXPECT_NE(problem_file_error("no_such_file.json").find("cannot open file"), std::string::npos);
}

// CSV lines end at LF, CRLF or a lone CR: an old-Mac file is three rows, not one.
TEST(ProblemIo, CsvLineEndsLfCrlfAndCr) {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    const auto csv = unit_scratch("rows.csv");
    std::ofstream(csv, std::ios::binary) << "1,2" << eol << "3,4" << eol << "5,6" << eol;
    std::vector<std::string> where;
    const auto rows = read_csv_rows(csv.string(), &where);
    ASSERT_EQ(rows.size(), 3u) << "line end " << (eol == "\r" ? "CR" : eol == "\n" ? "LF" : "CRLF");
    EXPECT_EQ(rows[2][1], "6");
    EXPECT_EQ(where[1], csv.string() + ":2");
  }
}

// Blank lines and '#' comments are skipped, each row keeps its own line; the same from text.
TEST(ProblemIo, CsvTextSkipsBlankAndCommentLines) {
  std::vector<std::string> where;
  const auto rows = parse_csv_text("# x, y\n1,2\n\n3,4\n# end\n", "pts.csv", &where);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], std::vector<std::string>({"3", "4"}));
  EXPECT_EQ(where, std::vector<std::string>({"pts.csv:2", "pts.csv:4"}));
}

// A problem from its text: the path names it in messages.
TEST(ProblemIo, ProblemTextReadsAndNamesItsPathInErrors) {
  const ProblemSpec s = parse_problem_text(
      R"({"format": "irverify-problem-1", "name": "t", "model": "least-squares", "data": [[1, 2], ["0.5", 3]], "theta0": [0]})",
      "inline.json");
  EXPECT_EQ(s.num_examples(), 2);
  EXPECT_EQ(s.data[1][0], "0.5");
  try {
    (void)parse_problem_text(R"({"format": "irverify-problem-1", "name": "t", "model": "least-squares", "theta0": [0]})",
                             "inline.json");
    FAIL() << "a problem without data was accepted";
  } catch (const ProblemError& e) {
    EXPECT_NE(std::string(e.what()).find("inline.json"), std::string::npos) << e.what();
  }
}

// A data file that is a FIFO would block forever: refused before opening.
TEST(ProblemIo, DataFileMustBeARegularFile) {
  const auto fifo = unit_scratch("fifo.csv");
  std::filesystem::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  try {
    (void)read_csv_rows(fifo.string(), nullptr);
    FAIL() << "a FIFO was opened";
  } catch (const ProblemError& e) {
    EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
  }
  std::filesystem::remove(fifo);
}

// A file over 64 MiB (the issue's 100 MB `name`) is refused from its size, before a byte is read; a name over 256
// characters is refused where it stands.
TEST(ProblemIo, OversizedFileAndLongNameAreRefused) {
  const auto big = unit_scratch("big.json");
  { std::ofstream(big) << "{"; }
  std::filesystem::resize_file(big, kMaxInputBytes + 1);  // sparse: no 64 MiB written
  try {
    (void)read_problem_file(big.string());
    FAIL() << "an oversized file was read";
  } catch (const ProblemError& e) {
    EXPECT_NE(std::string(e.what()).find("more than the limit of 67108864 bytes"), std::string::npos) << e.what();
  }
  std::filesystem::remove(big);
  const auto named = unit_scratch("named.json");
  std::ofstream(named) << R"({"format": "irverify-problem-1", "name": ")" << std::string(kMaxNameLength + 1, 'n')
                       << R"(", "model": "least-squares", "data": [[1, 2]], "theta0": [0]})";
  try {
    (void)read_problem_file(named.string());
    FAIL() << "a long name was accepted";
  } catch (const ProblemError& e) {
    EXPECT_NE(std::string(e.what()).find("name: longer than 256 characters"), std::string::npos) << e.what();
  }
}

namespace {
std::string formula_text_error(const std::string& text) {
  try {
    const ProblemSpec s = parse_problem_text(text, "formula.json");
    (void)build_problem<double>(s);
  } catch (const ProblemError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

// Formula models (issue 30): names in order (scalars, one-key objects), default columns x, y, the file written back as
// read; a 10 MB formula is refused by its length with a message, not parsed.
TEST(ProblemIo, FormulaFilesReadInOrderAndRoundTrip) {
  const ProblemSpec s = read_problem_file(kProblemData + "/formula_diag_uv_interpolating.json");
  ASSERT_TRUE(s.is_formula());
  ASSERT_EQ(s.symbols.parameters.size(), 2u);
  EXPECT_EQ(s.symbols.parameters[0].name, "u");
  EXPECT_EQ(s.symbols.parameters[1].size, 7);
  EXPECT_EQ(s.dim(), 14);
  const FormulaSymbols sym = s.formula_symbols();
  ASSERT_EQ(sym.columns.size(), 2u);
  EXPECT_EQ(sym.columns[0].name, "x");
  EXPECT_EQ(sym.columns[0].size, 7);
  EXPECT_EQ(sym.columns[1].name, "y");
  EXPECT_EQ(sym.columns[1].size, 0);
  const ProblemSpec again = parse_problem_text(s.to_json().dump(), "again.json");
  EXPECT_EQ(again.to_json(), s.to_json());
  const ProblemSpec loss = read_problem_file(kProblemData + "/formula_loss_no_data.json");
  EXPECT_EQ(loss.num_examples(), 1);
  EXPECT_EQ(parse_problem_text(loss.to_json().dump(), "again.json").to_json(), loss.to_json());
  const Problem<double> p = build_problem<double>(loss);
  EXPECT_DOUBLE_EQ(p.model->loss(p.theta0, p.model->all_examples()), 0.5 * (1.5 * 0.25 - 1) * (1.5 * 0.25 - 1) + 0.1 * 1.5 * 1.5);
}

TEST(ProblemIo, FormulaRefusalsNameTheKeyAndColumn) {
  const std::string head = R"({"format": "irverify-problem-1", "model": "formula", "parameters": ["a"], "theta0": ["2"], )";
  EXPECT_EQ(formula_text_error(head + R"("loss": "a * b"})"), "formula.json: loss: unknown name 'b' at column 5\n  a * b\n      ^");
  const std::string big = std::string(10 << 20, 'a');
  EXPECT_NE(formula_text_error(head + "\"loss\": \"" + big + "\"}").find("loss: the formula has 10485760 characters, more than the limit"),
            std::string::npos);
  EXPECT_NE(formula_text_error(head + R"j("loss": "sqrt(a - 2)"})j").find("loss: the gradient's entry 0 is +inf at theta0"),
            std::string::npos);
  EXPECT_NE(formula_text_error(head + R"("loss": "a", "residual": "a"})").find("exactly one of"), std::string::npos);
  EXPECT_NE(formula_text_error(R"({"model": "formula", "parameters": {"u": 1, "v": 1}, "loss": "u[0]", "theta0": [1, 1]})")
                .find("a JSON object's keys have no order"),
            std::string::npos);
  EXPECT_NE(formula_text_error(R"({"model": "diag-uv", "loss": "a", "data": [[1, 2]], "theta0": [1, 1]})")
                .find("only a formula model takes it"),
            std::string::npos);
}

TEST(ProblemIo, OptimizerKeyReadsValidatesAndRoundTrips) {
  const ProblemSpec hb = read_problem_file(kProblemData + "/heavy_ball_toy.json");
  ASSERT_TRUE(hb.optimizer.has_value());
  EXPECT_EQ(hb.optimizer->name, "heavy-ball");
  EXPECT_EQ(hb.optimizer->beta, "0.4");
  EXPECT_FALSE(is_adaptive(*hb.optimizer));
  EXPECT_EQ(parse_problem_text(hb.to_json().dump(), "again.json").to_json(), hb.to_json());
  const std::string toy = R"("model": "formula", "parameters": ["x", "y"], "loss": "x^2 + y^2", "theta0": [1, 2])";
  const ProblemSpec adam = parse_problem_text(
      "{" + toy + R"(, "optimizer": {"name": "adam", "rho": "0.99", "eps": 1e-8, "eps_placement": "outside", "bias_correction": false}})",
      "adam.json");
  ASSERT_TRUE(adam.optimizer && is_adaptive(*adam.optimizer));
  EXPECT_EQ(adam.optimizer->beta, "");  // left to the claim
  EXPECT_EQ(adam.optimizer->eps, "1e-8");
  EXPECT_EQ(adam.optimizer->bias_correction, std::optional<bool>(false));
  EXPECT_EQ(parse_problem_text(adam.to_json().dump(), "again.json").to_json(), adam.to_json());
  const auto error = [&](const std::string& opt) {
    try {
      (void)parse_problem_text("{" + toy + R"(, "optimizer": )" + opt + "}", "o.json");
    } catch (const ProblemError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error(R"({"name": "nesterov", "beta": "-0.1"})").find("optimizer.beta = -0.1 is outside [0, 1)"), std::string::npos);
  EXPECT_NE(error(R"({"name": "pytorch-nesterov", "eps": "0.1"})").find("optimizer.eps: only adam and rmsprop"), std::string::npos);
  EXPECT_NE(error(R"({"name": "adam", "rho": "1"})").find("optimizer.rho = 1 is outside"), std::string::npos);
  EXPECT_NE(error(R"({"name": 3})").find("optimizer.name: expected a string"), std::string::npos);
  EXPECT_EQ(error(R"({"name": "rmsprop", "rho": "0.5", "eps": "0.1"})"), "");
}
