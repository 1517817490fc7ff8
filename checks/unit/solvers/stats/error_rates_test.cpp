// solvers/stats/error_rates.hpp: the binomial upper tail (against direct sums), the Clopper-Pearson upper bound (its
// defining equation), and the Kolmogorov-Smirnov distances of p-values from the uniform (exact small cases; a uniform
// grid is at distance 1/n; p-values crowded near 0 give a large D+ and a small probability).
#include "solvers/stats/error_rates.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace irverify;

namespace {
double direct_tail(long k, long n, double p) {  // sum_{j >= k} C(n, j) p^j (1 - p)^(n - j)
  double s = 0;
  for (long j = k; j <= n; ++j)
    s += std::exp(std::lgamma(n + 1.0) - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0) + j * std::log(p) + (n - j) * std::log1p(-p));
  return s;
}
}  // namespace

TEST(ErrorRates, BinomialUpperTail) {
  for (long k : {1L, 2L, 3L, 5L}) EXPECT_NEAR(binomial_upper_tail(k, 200, 1e-3), direct_tail(k, 200, 1e-3), 1e-13) << k;
  EXPECT_NEAR(binomial_upper_tail(1, 200, 1e-3), 1 - std::pow(0.999, 200), 1e-14);
  EXPECT_EQ(binomial_upper_tail(0, 10, 0.5), 1.0);
  EXPECT_EQ(binomial_upper_tail(1, 10, 0.0), 0.0);
  // 2 wrong of 200 at level 0.1% is within 99% confidence; 3 is not.
  EXPECT_GT(binomial_upper_tail(2, 200, 1e-3), 0.01);
  EXPECT_LT(binomial_upper_tail(3, 200, 1e-3), 0.01);
  EXPECT_THROW(binomial_upper_tail(3, 2, 0.5), std::invalid_argument);
  EXPECT_THROW(binomial_upper_tail(1, 2, 1.5), std::invalid_argument);
}

TEST(ErrorRates, RateUpperBoundSolvesItsEquation) {
  const double r = rate_upper_bound(2, 200, 0.99);  // P(X <= 2 | 200, r) = 1%
  EXPECT_NEAR(1 - binomial_upper_tail(3, 200, r), 0.01, 1e-10);
  EXPECT_NEAR(rate_upper_bound(0, 200, 0.99), 1 - std::pow(0.01, 1.0 / 200), 1e-12);
  EXPECT_THROW(rate_upper_bound(1, 0, 0.99), std::invalid_argument);
}

TEST(ErrorRates, KolmogorovSmirnovDistancesFromTheUniform) {
  const KsDistance one = ks_from_uniform({0.25});
  EXPECT_DOUBLE_EQ(one.plus, 0.75);
  EXPECT_DOUBLE_EQ(one.minus, 0.25);
  std::vector<double> grid;
  for (int i = 0; i < 100; ++i) grid.push_back((i + 0.5) / 100);
  const KsDistance g = ks_from_uniform(grid);
  EXPECT_NEAR(g.plus, 0.005, 1e-15);
  EXPECT_NEAR(g.minus, 0.005, 1e-15);
  EXPECT_GT(g.plus_p_value(), 0.99);
  std::vector<double> small(100, 1e-4);
  const KsDistance s = ks_from_uniform(small);
  EXPECT_NEAR(s.plus, 1 - 1e-4, 1e-15);
  EXPECT_LT(s.plus_p_value(), 1e-80);
  EXPECT_EQ(ks_from_uniform({}).plus_p_value(), 1.0);
}
