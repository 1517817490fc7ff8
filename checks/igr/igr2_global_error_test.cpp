// IGR-2 (CLAIMS.md): after T/h GD steps, orders 1 (flow of L) and 2 (flow of L + (h/4)|g|^2) within +-0.05 in
// 50 digits on every smooth model; the control (h/2) is rejected; in double the rounding floor is met, detected
// and excluded.
#include "checks/igr/igr2_global_error.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace irverify;

class Igr2GlobalErrorOrder : public ::testing::TestWithParam<std::string> {};

TEST_P(Igr2GlobalErrorOrder, OrdersOneAndTwoAndControlRejected) {
  const Case c = igr_global_error_case<mp50>(claim_context("IGR-2"), generate_problem(GetParam(), 1), 11);
  ASSERT_EQ(c.series.size(), 3u);
  EXPECT_TRUE(order_matches(c.series[0].fit, 1, kOrderTolerance)) << c.series[0].fit.slope;
  EXPECT_TRUE(order_matches(c.series[1].fit, 2, kOrderTolerance)) << c.series[1].fit.slope;
  EXPECT_FALSE(c.series[2].order_holds);
  EXPECT_NEAR(c.series[2].fit.slope, 1.0, kOrderTolerance);  // rejected because its order is 1
  EXPECT_TRUE(c.pass);
}

INSTANTIATE_TEST_SUITE_P(SmoothModels, Igr2GlobalErrorOrder,
                         ::testing::Values("least-squares", "quadratic", "two-param", "diag-uv", "diag-uu-vv",
                                           "two-layer-tanh"),
                         ModelName());

TEST(Igr2GlobalErrorOrderDouble, RoundingFloorDetectedAndExcluded) {
  const Case c = igr_global_error_case<double>(claim_context("IGR-2"), generate_problem("least-squares", 1), 22);
  const OrderFit& f = c.series[1].fit;
  EXPECT_GT(f.floor_detected, 0.0);
  EXPECT_TRUE(f.excluded.back());
  EXPECT_GE(std::count(f.excluded.begin(), f.excluded.end(), true), 2);
  EXPECT_TRUE(order_matches(f, 2, kOrderTolerance)) << f.slope;
}

TEST(Igr2GlobalErrorOrderInput, ReluProblemIsNotApplicable) {
  RunSettings opt;
  opt.problems = {generate_problem("two-layer-relu", 1)};
  EXPECT_THROW(run_claim("IGR-2", opt), ProblemError);
}
