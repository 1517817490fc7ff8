// solvers/order/order_fit.hpp: the order fitter on exact power laws, pre-asymptotic terms, floors, Monte Carlo errors
// (weights and the noise floor) and refusals.
#include "solvers/order/order_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace irverify;

namespace {
std::vector<double> order_fit_ladder(double h0, int n) {
  std::vector<double> h;
  for (int k = 0; k < n; ++k) h.push_back(std::ldexp(h0, -k));
  return h;
}
}  // namespace

TEST(OrderFit, RecoversExactPowerLaw) {
  const auto h = order_fit_ladder(0.1, 8);
  std::vector<double> e;
  for (double x : h) e.push_back(3.0 * std::pow(x, 3));
  const OrderFit f = fit_order(h, e);
  ASSERT_TRUE(f.ok);
  EXPECT_NEAR(f.slope, 3.0, 1e-12);  // log-space regression of an exact power law: rounding only
  for (std::size_t k = 1; k < h.size(); ++k) EXPECT_NEAR(f.pairwise[k], 3.0, 1e-12);
  EXPECT_EQ(f.floor_detected, 0.0);
  EXPECT_TRUE(order_matches(f, 3, 0.05));
  EXPECT_FALSE(order_matches(f, 2, 0.05));  // two-sided
  EXPECT_FALSE(order_matches(f, 4, 0.05));
}

TEST(OrderFit, TailFitSeesThroughPreAsymptoticTerm) {
  const auto h = order_fit_ladder(0.5, 12);
  std::vector<double> e;
  for (double x : h) e.push_back(x * x * (1 + 2 * x));  // order 2 with an O(h) correction
  const OrderFit f = fit_order(h, e);
  ASSERT_TRUE(f.ok);
  EXPECT_NEAR(f.slope, 2.0, 0.01);
  EXPECT_GT(f.pairwise[1], 2.2);  // early pairs are visibly off
}

TEST(OrderFit, DetectsAndReportsFloor) {
  const auto h = order_fit_ladder(0.1, 18);
  std::vector<double> e;
  for (std::size_t k = 0; k < h.size(); ++k) e.push_back(std::pow(h[k], 3) + 1e-16 * (k % 2 ? 1.0 : 0.5));
  OrderFitOptions o;
  o.floor = 1e-18;
  const OrderFit f = fit_order(h, e, o);
  ASSERT_TRUE(f.ok);
  EXPECT_TRUE(f.excluded.back());          // the plateau is excluded,
  EXPECT_GT(f.floor_detected, 1e-18);      // reported,
  EXPECT_NEAR(f.slope, 3.0, 0.05);         // and does not bend the fit.
}

TEST(OrderFit, PreAsymptoticStallIsNotAFloor) {
  // e = |h - 3 h^2|: the error first grows (its two terms nearly cancel at the top), then falls as h.
  const auto h = order_fit_ladder(0.25, 14);
  std::vector<double> e;
  for (double x : h) e.push_back(std::abs(x - 3 * x * x));
  const OrderFit f = fit_order(h, e);
  ASSERT_TRUE(f.ok) << f.note;
  EXPECT_LT(f.pairwise[1], 0.5);  // the early stall is there,
  EXPECT_EQ(f.floor_detected, 0.0);  // but no floor is reported,
  EXPECT_NEAR(f.slope, 1.0, 0.05);   // and the tail gives the order.
}

TEST(OrderFit, GivenFloorExcludesPoints) {
  const auto h = order_fit_ladder(0.1, 6);
  std::vector<double> e;
  for (double x : h) e.push_back(x * x);
  OrderFitOptions o;
  o.floor = 2e-6;  // signal must exceed margin * floor = 2e-4: h^2 for the first three points only
  const OrderFit f = fit_order(h, e, o);
  ASSERT_TRUE(f.ok);
  EXPECT_EQ(f.fitted.size(), 3u);
  EXPECT_TRUE(f.excluded[3]);
}

TEST(OrderFit, RefusesTooFewPointsAndBadLadders) {
  const auto h = order_fit_ladder(0.1, 4);
  std::vector<double> e = {1e-3, 1e-20, 1e-20, 1e-20};
  OrderFitOptions o;
  o.floor = 1e-15;
  EXPECT_FALSE(fit_order(h, e, o).ok);
  EXPECT_FALSE(order_matches(fit_order(h, e, o), 2, 0.05));
  EXPECT_THROW(fit_order({0.1, 0.2}, {1, 2}), std::invalid_argument);
  EXPECT_THROW(fit_order({0.1}, {1, 2}), std::invalid_argument);
}

// Monte Carlo errors: e = h^2 with sigma = 1e-3 e. Weighted fit of an exact law: slope 2, a tiny standard error; a
// point whose error is not above margin sigma is excluded; mc_order_matches widens delta to 1.96 standard errors.
TEST(OrderFit, MonteCarloErrorsAreWeightedAndTheirNoiseFloorExcluded) {
  const auto h = order_fit_ladder(0.5, 8);
  std::vector<double> e, sigma;
  for (double x : h) e.push_back(x * x), sigma.push_back(1e-3 * x * x);
  OrderFitOptions o;
  o.sigma = sigma;
  const OrderFit f = fit_order(h, e, o);
  ASSERT_TRUE(f.ok) << f.note;
  EXPECT_NEAR(f.slope, 2.0, 1e-12);
  EXPECT_TRUE(mc_order_matches(f, 2, 0.05));
  EXPECT_FALSE(mc_order_matches(f, 2.2, 0.05));
  o.sigma.back() = e.back();  // the last error within its noise: excluded
  const OrderFit g = fit_order(h, e, o);
  EXPECT_TRUE(g.excluded.back());
  EXPECT_FALSE(g.excluded.front());
  OrderFit wide = f;
  wide.slope_stderr = 0.2;  // a noisy fit: 1.96 stderr = 0.39 > delta
  EXPECT_TRUE(mc_order_matches(wide, 2.3, 0.05));
  EXPECT_FALSE(order_matches(wide, 2.3, 0.05));
  o.sigma.pop_back();
  EXPECT_THROW(fit_order(h, e, o), std::invalid_argument);  // sigma and err differ in length
  EXPECT_THROW(fit_order({0.1, 0.2, 0.3}, {1, 2, 3}), std::invalid_argument);  // steps must decrease
}

// A Monte Carlo error with sigma = 0 is exact (SGD-2's antithetic pair on 2 batches is every order): the tail is
// fitted unweighted, so the slope is finite (it was NaN: infinite weights) and still 2 on e = h^2.
TEST(OrderFit, ExactMonteCarloPointsGiveAFiniteUnweightedFit) {
  const auto h = order_fit_ladder(0.5, 8);
  std::vector<double> e, sigma;
  for (double x : h) e.push_back(x * x * (1 + x)), sigma.push_back(1e-6 * x * x);
  sigma[6] = 0;
  OrderFitOptions o;
  o.sigma = sigma;
  const OrderFit f = fit_order(h, e, o);
  ASSERT_TRUE(f.ok) << f.note;
  EXPECT_TRUE(std::isfinite(f.slope));
  EXPECT_TRUE(std::isfinite(f.slope_stderr));
  EXPECT_NEAR(f.slope, 2.0, 0.05);
  EXPECT_EQ(f.fitted.back(), 7);
}
