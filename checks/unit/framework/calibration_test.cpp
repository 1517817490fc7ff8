// checks/framework/calibration.hpp: records tallied per statement (wrong outcomes with their seeds, the stated level
// from a test or 0.1% per case, the p-values), a run that threw fails calibration, and the verdict follows the
// binomial tail (2 wrong of 200 at 0.1% is calibrated, 3 is not).
#include "checks/framework/calibration.hpp"

#include "solvers/stats/error_rates.hpp"

#include <gtest/gtest.h>

using namespace irverify;
using json = nlohmann::json;

namespace {
json record(bool mc_pass, double p) {
  return {{"verdict", mc_pass ? "pass" : "fail"},
          {"statements",
           {{{"text", "exact"}, {"expected", "holds"}, {"cases", 2}, {"verdict", "pass"}},
            {{"text", "mc"}, {"expected", "holds"}, {"cases", 3}, {"verdict", mc_pass ? "pass" : "fail"},
             {"test", {{"cases", 3}, {"comparisons", 30}, {"level", 3e-3}, {"p_value", p}}}}}}};
}
}  // namespace

TEST(Calibration, TallyPerStatement) {
  ClaimTally t;
  t.id = "X-1";
  t.first_seed = 1;
  for (std::uint64_t s = 1; s <= 200; ++s) tally_record(t, record(s != 7 && s != 9, double(s) / 201), s);
  ASSERT_EQ(t.statements.size(), 2u);
  EXPECT_EQ(t.runs, 200);
  EXPECT_EQ(t.failed_seeds, (std::vector<std::uint64_t>{7, 9}));
  EXPECT_DOUBLE_EQ(t.statements[0].level, 2e-3);  // 0.1% per case, without a test
  EXPECT_DOUBLE_EQ(t.statements[1].level, 3e-3);  // the test's
  EXPECT_TRUE(t.statements[0].wrong_seeds.empty());
  EXPECT_EQ(t.statements[1].wrong_seeds, (std::vector<std::uint64_t>{7, 9}));
  EXPECT_EQ(t.statements[1].p_values.size(), 200u);
  EXPECT_TRUE(t.calibrated());  // P(X >= 2 | 200, 0.3%) = 0.12
  StatementTally k200{"s", "holds", 200, {}, 1e-3, {}}, k1000{"s", "holds", 1000, {}, 1e-3, {}};
  EXPECT_NEAR(k200.power_at_ten_times(), binomial_upper_tail(3, 200, 1e-2), 1e-15);  // 3 wrong fail calibration
  EXPECT_NEAR(k200.power_at_ten_times(), 0.32, 0.01);
  EXPECT_GT(k1000.power_at_ten_times(), 0.96);
  const json j = calibration_json(t);
  EXPECT_EQ(j["statements"][1]["wrong"], 2);
  EXPECT_EQ(j["seeds"], json::array({1, 200}));
  EXPECT_LT(j["statements"][1]["p_values"]["ks_plus"].get<double>(), 0.01);
  EXPECT_EQ(calibration_table({t}).rows.size(), 2u);
}

TEST(Calibration, TooManyWrongOutcomesOrAnErrorFailCalibration) {
  ClaimTally t;
  for (std::uint64_t s = 1; s <= 200; ++s) {
    json r = record(s > 3, 0.5);
    r["statements"][1].erase("test");  // level 0.1% per case: 0.3%
    r["statements"][1]["cases"] = 1;   // now 0.1%
    tally_record(t, r, s);
  }
  EXPECT_DOUBLE_EQ(t.statements[1].level, 1e-3);
  EXPECT_FALSE(t.statements[1].calibrated());  // 3 of 200 at 0.1%
  ClaimTally shared;  // seed 2 replays seed 1's draws
  tally_record(shared, record(true, 0.25), 1);
  tally_record(shared, record(true, 0.25), 2);
  tally_record(shared, record(true, 1.0), 3);
  tally_record(shared, record(true, 1.0), 4);  // p = 1 (statistic 0) may repeat
  EXPECT_EQ(shared.statements[1].repeated_p_values(), 1);
  EXPECT_FALSE(shared.calibrated());
  ClaimTally e;
  tally_record(e, record(true, 0.5), 1);
  tally_error(e, 2, "deadline");
  EXPECT_FALSE(e.calibrated());
  EXPECT_EQ(e.failed_seeds, (std::vector<std::uint64_t>{2}));
}
