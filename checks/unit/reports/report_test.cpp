// reports/: a record written by a claim run renders to REPORT.md (a summary row per claim, grouped by family, linking
// the claim's page) and claims/IGR-1.md (the claim's page, a convergence table row per ladder level); reports read
// JSON, never stdout.
#include "checks/framework/claim.hpp"
#include "reports/record/record.hpp"
#include "reports/report.hpp"
#include "theory/problem/generator.hpp"
#include "theory/scalar.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace irverify;

namespace {
// IGR-1's record on a generated least-squares problem in double, `levels` ladder levels.
nlohmann::json igr1_record(int levels) {
  RunSettings opt;
  opt.precision = Precision::named("double");
  opt.levels = levels;
  opt.problems = {generate_problem("least-squares", 1)};
  return run_claim("IGR-1", opt);
}
}  // namespace

TEST(Report, RendersIgr1RecordToMarkdown) {
  const auto dir = std::filesystem::temp_directory_path() / "irverify-report-check";
  std::filesystem::remove_all(dir);
  nlohmann::json rec = igr1_record(6);
  for (const char* k : {"check", "title", "paper", "statement", "verdict_rule", "negative_control"}) rec[k] = k;
  write_record(rec, dir.string());

  const std::string path = write_report({dir.string(), "", false});
  const auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  const std::string summary = read(path), md = read(dir / "claims" / "IGR-1.md");
  EXPECT_NE(summary.find("## IGR\n"), std::string::npos) << summary;
  EXPECT_NE(summary.find("| [IGR-1](claims/IGR-1.md) |"), std::string::npos) << summary;
  EXPECT_NE(summary.find("| 3 / 3 |"), std::string::npos) << "statements as expected";
  EXPECT_NE(md.find("# IGR-1: "), std::string::npos);
  EXPECT_NE(md.find("[Summary](../REPORT.md)"), std::string::npos);
  EXPECT_NE(md.find("(h/4)\\|g\\|^2"), std::string::npos) << "pipes in cell text must be escaped";
  EXPECT_NE(read(dir / "claims" / "statements.md").find("| [IGR-1](IGR-1.md) |"), std::string::npos);
  // One convergence-table row per ladder level, starting with the step in scientific notation.
  std::size_t rows = 0;
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);)
    if (line.size() > 2 && line.compare(0, 2, "| ") == 0 && std::isdigit(static_cast<unsigned char>(line[2]))) ++rows;
  EXPECT_EQ(rows, 6u);
  EXPECT_THROW(write_report({(dir / "missing").string(), "", false}), std::runtime_error);
}

// A study record (schema irverify-study-1) beside the claims' renders in REPORT.md's Studies section, its tables as
// they are; one that breaks the study schema is refused, naming the file.
TEST(Report, RendersStudyRecordsTables) {
  const auto dir = std::filesystem::temp_directory_path() / "irverify-report-study-check";
  std::filesystem::remove_all(dir);
  write_record(igr1_record(4), dir.string());
  nlohmann::json study = {{"schema", "irverify-study-1"}, {"study", "calibration"}, {"title", "Calibration"},
                          {"verdict", "pass"}, {"summary", "2 claims."}, {"provenance", nlohmann::json::object()},
                          {"tables", {{{"title", "per statement"}, {"columns", {"claim", "rate | bound"}}, {"rows", nlohmann::json::array({nlohmann::json::array({"X-1", "0"})})}}}}};
  std::ofstream(dir / "calibration.json") << study.dump(2);
  std::ifstream in(write_report({dir.string(), "", false}));
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string md = ss.str();
  EXPECT_NE(md.find("## Studies\n\n### Calibration — **pass**"), std::string::npos) << md;
  EXPECT_NE(md.find("| claim | rate \\| bound |"), std::string::npos) << md;
  EXPECT_NE(md.find("| X-1 | 0 |"), std::string::npos) << md;
  study.erase("verdict");
  std::ofstream(dir / "calibration.json") << study.dump(2);
  EXPECT_THROW(write_report({dir.string(), "", false}), std::runtime_error);
}
