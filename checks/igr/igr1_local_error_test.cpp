// IGR-1 (CLAIMS.md): observed orders 2 (flow of L) and 3 (flow of L + (h/4)|g|^2) within +-0.05 in 50 digits
// on every model; the negative control (h/2) must be rejected by the same order-3 check.
#include "checks/igr/igr1_local_error.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace irverify;

class Igr1LocalErrorOrder : public ::testing::TestWithParam<std::string> {};

TEST_P(Igr1LocalErrorOrder, OrdersTwoAndThreeAndControlRejected) {
  const Case c = igr_local_error_case<mp50>(claim_context("IGR-1"), generate_problem(GetParam(), 1));
  ASSERT_EQ(c.series.size(), 3u);
  for (const auto& s : c.series) {
    ASSERT_TRUE(s.fit.ok) << s.name << ": " << s.fit.note;
    if (s.role == Role::claim)
      EXPECT_TRUE(s.order_holds) << s.name << ": fitted " << s.fit.slope << ", claimed " << s.claimed_order;
    else
      EXPECT_FALSE(s.order_holds) << s.name << ": the wrong coefficient gave order " << s.fit.slope;
  }
  // The control is rejected because its order is 2, the order of the plain flow, not by accident.
  EXPECT_NEAR(c.series[2].fit.slope, 2.0, kOrderTolerance);
  EXPECT_TRUE(c.pass);
}

INSTANTIATE_TEST_SUITE_P(AllModels, Igr1LocalErrorOrder, ::testing::ValuesIn(model_kinds()), [](const auto& info) {
  std::string s = info.param;
  for (auto& ch : s)
    if (ch == '-') ch = '_';
  return s;
});

TEST(Igr1LocalErrorOrderDouble, FloorIsExcludedNotFitted) {
  // In double, a 24-level ladder drives the O(h^3) errors to the rounding floor: the fitter must exclude
  // those points (and report the floor) instead of bending the slope.
  const Case c = igr_local_error_case<double>(claim_context("IGR-1"), generate_problem("least-squares", 1), 24);
  const auto& s = c.series[1];
  EXPECT_TRUE(s.fit.excluded.back());
  EXPECT_GE(std::count(s.fit.excluded.begin(), s.fit.excluded.end(), true), 5);
  EXPECT_GT(std::max(s.fit.floor_detected, s.fit.floor_given), 0.0);
  EXPECT_TRUE(order_matches(s.fit, 3, kOrderTolerance)) << s.fit.slope;
}
