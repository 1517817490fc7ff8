// solvers/stats/confidence.hpp: the 99.9% two-sided normal quantile and its Bonferroni form (P(|Z| > z_k) = 0.001/k),
// the mean and standard error of per-run values and of moment sums (in every scalar; a variance lost to rounding
// counts as 0), and the Wilson interval (the textbook 5 of 10 at 95%, clipped to [0, 1], symmetric).
#include "solvers/stats/confidence.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <gtest/gtest.h>

#include <limits>

using namespace irverify;

TEST(Confidence, QuantilesAndTheirBonferroniForm) {
  EXPECT_NEAR(bonferroni_z999(1), kZ999, 1e-4);
  for (int k : {1, 2, 7, 100}) EXPECT_NEAR(std::erfc(bonferroni_z999(k) / std::sqrt(2.0)), 1e-3 / k, 1e-3 / k * 1e-12) << k;
  EXPECT_LT(bonferroni_z999(2), bonferroni_z999(3));
  EXPECT_THROW(bonferroni_z999(0), std::invalid_argument);
}

TEST(Confidence, MeanAndStandardErrorOfRuns) {
  const MeanSe a = mean_se(std::vector<int>{1, 2, 3, 4});  // sd^2 = 5/3, se = sd / 2
  EXPECT_EQ(a.mean, 2.5);
  EXPECT_DOUBLE_EQ(a.se, std::sqrt(5.0 / 3) / 2);
  const MeanSe one = mean_se(std::vector<double>{7.5});
  EXPECT_EQ(one.mean, 7.5);
  EXPECT_EQ(one.se, 0.0);
}

template <class S> class ConfidenceInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ConfidenceInEveryScalar, ScalarTypes);

TYPED_TEST(ConfidenceInEveryScalar, MeanAndStandardErrorOfSums) {
  using S = TypeParam;
  using std::abs;
  using std::sqrt;
  const auto [m, se] = mean_se_of_sums<S>(S(10), S(30), S(4));  // 1, 2, 3, 4
  EXPECT_EQ(m, S(5) / 2);
  EXPECT_SCALAR_NEAR(se, S(sqrt(S(5) / 12)), tol::ulps<S>(8), S(0));
  EXPECT_EQ(mean_se_of_sums<S>(S(3), S(3), S(3)).second, S(0));               // 1, 1, 1: no spread
  EXPECT_EQ(mean_se_of_sums<S>(S(3), S(3) - eps<S>(), S(3)).second, S(0));    // a negative variance from rounding
  EXPECT_EQ(mean_se_of_sums<S>(S(3), std::numeric_limits<S>::quiet_NaN(), S(3)).second, S(0));
}

TEST(Confidence, WilsonInterval) {
  const auto [lo, hi] = wilson_interval(5, 10, 1.96);
  EXPECT_NEAR(lo, 0.2366, 1e-4);
  EXPECT_NEAR(hi, 0.7634, 1e-4);
  const auto [l0, h0] = wilson_interval(0, 20);
  EXPECT_EQ(l0, 0.0);
  EXPECT_GT(h0, 0.0);
  const auto [l1, h1] = wilson_interval(20, 20);
  EXPECT_EQ(h1, 1.0);
  EXPECT_NEAR(l1, 1 - h0, 1e-15);  // k and n - k mirror each other
  const auto [l3, h3] = wilson_interval(3, 40);
  EXPECT_LT(l3, 3.0 / 40);
  EXPECT_GT(h3, 3.0 / 40);
  EXPECT_GT(h3 - l3, wilson_interval(3, 40, 1.96).second - wilson_interval(3, 40, 1.96).first);  // 99.9% is wider
}
