// Problem files and the generator: every malformed input gives a ProblemError naming the file, the place
// and the problem; good files and generated problems round-trip exactly.
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/problem/problem_io.hpp"

#include <gtest/gtest.h>

#include "theory/io/atomic_write.hpp"

#include <filesystem>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

using namespace irverify;

namespace {
const std::string kData = IRVERIFY_TEST_DATA;

// The error message of reading `file`, or "" if it reads.
std::string error_of(const std::string& file) {
  try {
    (void)read_problem_file(kData + "/" + file);
  } catch (const ProblemError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(ProblemInput, HandWrittenLeastSquaresReads) {
  const ProblemSpec s = read_problem_file(kData + "/least_squares_hand.json");
  EXPECT_EQ(s.model, "least-squares");
  EXPECT_EQ(s.dim(), 2);
  EXPECT_EQ(s.num_examples(), 3);
  const Problem<mp50> p = build_problem<mp50>(s);
  EXPECT_EQ(p.theta0(0), mp50(1) / 10);  // "0.1" read from its decimal text, not through double
  EXPECT_TRUE(p.has_h0);
}

TEST(ProblemInput, CsvDataFileReadsWithLineOrigins) {
  const ProblemSpec s = read_problem_file(kData + "/two_layer_csv.json");
  EXPECT_EQ(s.num_examples(), 3);
  EXPECT_EQ(s.dim(), 2 * (2 + 1));
  ASSERT_EQ(s.data_where.size(), 3u);
  EXPECT_NE(s.data_where[0].find("two_layer_points.csv:2"), std::string::npos);  // line 1 is a comment
}

struct BadCase {
  const char* file;
  const char* expect;  // a phrase the message must contain
};

class ProblemInputBad : public ::testing::TestWithParam<BadCase> {};

TEST_P(ProblemInputBad, ClearErrorNamingFileAndProblem) {
  const std::string msg = error_of(std::string("bad/") + GetParam().file);
  ASSERT_FALSE(msg.empty()) << GetParam().file << " was accepted";
  EXPECT_NE(msg.find(GetParam().file), std::string::npos) << msg;
  EXPECT_NE(msg.find(GetParam().expect), std::string::npos) << msg;
}

INSTANTIATE_TEST_SUITE_P(
    Files, ProblemInputBad,
    ::testing::Values(BadCase{"ragged_rows.json", "data[1]: row has 2 entries, expected 3"},
                      BadCase{"nan_value.json", "'nan' is not a finite decimal number"},
                      BadCase{"wrong_theta_dim.json", "theta0 has 3 entries, but model diag-uv with this data has 4"},
                      BadCase{"unknown_model.json", "unknown model 'resnet-50'"},
                      BadCase{"nonpositive_step.json", "h0 = -0.5 is not positive"},
                      BadCase{"bad_json.json", "bad_json.json:3: invalid JSON"},
                      BadCase{"csv_ragged.json", "ragged.csv:3: row has 2 entries, expected 3"},
                      BadCase{"csv_inf.json", "inf.csv:2: column 2: 'inf' is not a finite decimal number"},
                      BadCase{"missing_data_file.json", "does_not_exist.csv: cannot open data file"}),
    [](const auto& info) {
      std::string s = info.param.file;
      return s.substr(0, s.find('.'));
    });

TEST(ProblemInput, MissingFileIsAnError) {
  EXPECT_NE(error_of("no_such_file.json").find("cannot open file"), std::string::npos);
}

TEST(ProblemInput, StructuralErrorsFromSpecs) {
  ProblemSpec s = generate_problem("least-squares", 1);
  s.partition = {{0, 1, 2}, {2, 3}};
  EXPECT_THROW(validate(s), ProblemError);  // example 2 twice
  s.partition = {{0, 1}};
  EXPECT_THROW(validate(s), ProblemError);  // does not cover all examples
  s = generate_problem("two-layer-tanh", 1);
  s.hidden = 0;
  EXPECT_THROW(validate(s), ProblemError);
  s = generate_problem("quadratic", 1);
  s.terms[0].A[0][1] = "0.123";  // breaks symmetry
  EXPECT_THROW(validate(s), ProblemError);
}

TEST(Generator, DeterministicPerSeedAndExactInEveryPrecision) {
  for (const auto& kind : model_kinds()) {
    const ProblemSpec a = generate_problem(kind, 11), b = generate_problem(kind, 11), c = generate_problem(kind, 12);
    EXPECT_EQ(a.to_json(), b.to_json()) << kind;
    EXPECT_NE(a.to_json(), c.to_json()) << kind;
    // Every generated number is a multiple of 2^-12: identical in double and mp50.
    const Problem<double> pd = build_problem<double>(a);
    const Problem<mp50> pm = build_problem<mp50>(a);
    for (int i = 0; i < pd.theta0.size(); ++i) EXPECT_EQ(mp50(pd.theta0(i)), pm.theta0(i)) << kind;
  }
}

TEST(Generator, WrittenFileReadsBackIdentically) {
  const auto dir = std::filesystem::temp_directory_path() / "irverify-problem-io";
  std::filesystem::create_directories(dir);
  for (const auto& kind : model_kinds()) {
    const ProblemSpec a = generate_problem(kind, 5);
    const std::string path = (dir / (kind + ".json")).string();
    write_problem_file(a, path);
    ProblemSpec b = read_problem_file(path);
    EXPECT_EQ(a.to_json(), b.to_json()) << kind;
  }
}

TEST(Generator, DyadicTextIsExact) {
  EXPECT_EQ(dyadic_text(1, 12), "0.000244140625");
  EXPECT_EQ(dyadic_text(-4096, 12), "-1");
  EXPECT_EQ(dyadic_text(6144, 12), "1.5");
  EXPECT_EQ(dyadic_text(0, 12), "0");
}

namespace {
std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("irverify-hostile-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}
}  // namespace

// CSV lines end at LF, CRLF or a lone CR: an old-Mac file is three rows, not one.
TEST(ProblemInput, CsvLineEndsLfCrlfAndCr) {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    const auto csv = scratch("rows.csv");
    std::ofstream(csv, std::ios::binary) << "1,2" << eol << "3,4" << eol << "5,6" << eol;
    std::vector<std::string> where;
    const auto rows = read_csv_rows(csv.string(), &where);
    ASSERT_EQ(rows.size(), 3u) << "line end " << (eol == "\r" ? "CR" : eol == "\n" ? "LF" : "CRLF");
    EXPECT_EQ(rows[2][1], "6");
    EXPECT_EQ(where[1], csv.string() + ":2");
  }
}

// A data file that is a FIFO would block forever: refused before opening.
TEST(ProblemInput, DataFileMustBeARegularFile) {
  const auto fifo = scratch("fifo.csv");
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
TEST(ProblemInput, OversizedFileAndLongNameAreRefused) {
  const auto big = scratch("big.json");
  { std::ofstream(big) << "{"; }
  std::filesystem::resize_file(big, kMaxInputBytes + 1);  // sparse: no 64 MiB written
  try {
    (void)read_problem_file(big.string());
    FAIL() << "an oversized file was read";
  } catch (const ProblemError& e) {
    EXPECT_NE(std::string(e.what()).find("more than the limit of 67108864 bytes"), std::string::npos) << e.what();
  }
  std::filesystem::remove(big);
  const auto named = scratch("named.json");
  std::ofstream(named) << R"({"format": "irverify-problem-1", "name": ")" << std::string(kMaxNameLength + 1, 'n')
                       << R"(", "model": "least-squares", "data": [[1, 2]], "theta0": [0]})";
  try {
    (void)read_problem_file(named.string());
    FAIL() << "a long name was accepted";
  } catch (const ProblemError& e) {
    EXPECT_NE(std::string(e.what()).find("name: longer than 256 characters"), std::string::npos) << e.what();
  }
}

// A failed write leaves the existing file whole: never truncated first.
TEST(AtomicWrite, FailureLeavesTheOldFileWhole) {
  const auto path = scratch("record.json");
  write_atomically(path.string(), "old content\n");
  EXPECT_THROW(write_atomically((path.parent_path() / "no-such-dir" / "x.json").string(), "new"), std::runtime_error);
  EXPECT_THROW(write_atomically(path.string() + std::string(1, '\0') + "x", "new"), std::runtime_error);
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "old content");
  write_atomically(path.string(), "new content\n");
  std::ifstream in2(path);
  std::getline(in2, line);
  EXPECT_EQ(line, "new content");
  for (const auto& e : std::filesystem::directory_iterator(path.parent_path()))  // no temporary left behind
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << e.path();
}
