// STAB-2 (CLAIMS.md): eta* three ways (structured and dense eigenproblems, bisection on rho(T)) and Monte Carlo
// growth; a threshold off by 5% must be caught by the Monte Carlo growth check.
#include "checks/stab/stab_setup.hpp"
#include "checks/stab/stab2_sgd_threshold.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Stab2SgdThreshold, ThreeWaysAgreeAndThresholdsOffByFivePercentAreCaught) {
  const ProblemSpec spec = stab_problems()[1];  // diag-uv
  const LadderCase c = stab_sgd_threshold_case<quad>(spec, 1L << 16);
  EXPECT_TRUE(c.pass);
  EXPECT_LE(c.extra["worst_bisection_relative_difference"].get<double>(), 1e-10);  // >= 10 digits
  for (const auto& row : c.tables[0].rows) EXPECT_EQ(row.back(), "equal") << "C vs enumeration, B = " << row[0];
  ASSERT_FALSE(c.tables[3].rows.empty());
  for (const auto& row : c.tables[3].rows) EXPECT_EQ(row.back(), "rejected") << "B = " << row[0] << ", " << row[2];
}

TEST(Stab2SgdThreshold, ScalesToRankSixty) {
  const LadderCase c = stab_sgd_threshold_scaling(60);
  EXPECT_TRUE(c.pass);
  EXPECT_LT(c.extra["scaling_seconds"]["structured_double"].get<double>(), 1.0);
}
