// solvers/stats/z_test.hpp: the Bonferroni critical value for the family's size, and Sidak's family-wise p-value
// (exact for independent z's: P(max |z| > x) over n independent normals; at the critical value about the level; a NaN
// statistic rejects with p = 0).
#include "solvers/stats/z_test.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace irverify;

TEST(ZTest, CriticalValueAndPValueOfTheFamily) {
  const ZTest t = ZTest::bonferroni(2.0, 10);
  EXPECT_EQ(t.critical, bonferroni_z999(10));
  EXPECT_EQ(t.level, kFamilyLevel);
  EXPECT_FALSE(t.rejects());
  const double tail = std::erfc(2.0 / std::sqrt(2.0));  // P(|Z| > 2)
  EXPECT_NEAR(t.p_value(), 1 - std::pow(1 - tail, 10), 1e-15);
  // At the Bonferroni critical value Sidak's p is just below the level: 1 - (1 - a/n)^n < a.
  const ZTest at = ZTest::bonferroni(bonferroni_z999(50), 50);
  EXPECT_LT(at.p_value(), kFamilyLevel);
  EXPECT_GT(at.p_value(), kFamilyLevel * (1 - 1e-3));
  EXPECT_TRUE(ZTest::bonferroni(bonferroni_z999(50) * (1 + 1e-12), 50).rejects());
  const ZTest nan = ZTest::bonferroni(std::numeric_limits<double>::quiet_NaN(), 3);
  EXPECT_TRUE(nan.rejects());
  EXPECT_EQ(nan.p_value(), 0.0);
  EXPECT_THROW(ZTest::bonferroni(1.0, 0), std::invalid_argument);
}
