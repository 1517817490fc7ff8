// IGR-3 (CLAIMS.md): local error order 4 for the flow of f + h f2 + h^2 f3 on every smooth model, the wrong
// coefficients rejected; the quadratic exact series (truncation orders 1-3; its flow is GD); the Jacobian of f3
// symmetric for quadratics only, that of f2 (control) symmetric everywhere.
#include "checks/igr/igr3_modified_equation.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

class Igr3ModifiedEquationOrder : public ::testing::TestWithParam<std::string> {};

TEST_P(Igr3ModifiedEquationOrder, OrderFourAndControlsRejected) {
  const Case c = igr_third_order_case<mp50>(claim_context("IGR-3"), generate_problem(GetParam(), 1), 12);
  for (const auto& s : c.series) {
    ASSERT_TRUE(s.fit.ok) << s.name << ": " << s.fit.note;
    if (s.role == Role::claim) {
      EXPECT_TRUE(s.order_holds) << s.name << ": " << s.fit.slope;
    }
    if (s.role == Role::control) {
      EXPECT_FALSE(s.order_holds) << s.name;
      EXPECT_NEAR(s.fit.slope, 3.0, kOrderTolerance) << s.name;  // a wrong f3 leaves an O(h^3) local error
    }
  }
  EXPECT_EQ(c.series.size(), is_quadratic_model(GetParam()) ? 3u : 4u);
  ASSERT_EQ(c.tables.size(), 1u);
  EXPECT_EQ(c.tables[0].rows[0][2], "symmetric");  // f2: a gradient field
  EXPECT_EQ(c.tables[0].rows[1][2], is_quadratic_model(GetParam()) ? "symmetric" : "asymmetric");
  EXPECT_TRUE(c.pass);
}

INSTANTIATE_TEST_SUITE_P(SmoothModels, Igr3ModifiedEquationOrder,
                         ::testing::Values("least-squares", "quadratic", "two-param", "diag-uv", "diag-uu-vv",
                                           "two-layer-tanh"),
                         ModelName());

class Igr3QuadraticSeries : public ::testing::TestWithParam<std::string> {};

TEST_P(Igr3QuadraticSeries, TruncationOrdersAndExactFlowIsGd) {
  const Case c = igr_quadratic_series_case<mp50>(claim_context("IGR-3"), generate_problem(GetParam(), 1), 10);
  for (int K = 1; K <= 3; ++K) EXPECT_TRUE(order_matches(c.series[K - 1].fit, K, kOrderTolerance)) << K;
  EXPECT_FALSE(c.series[3].order_holds);
  for (const auto& row : c.tables[0].rows) EXPECT_EQ(row.back(), "holds") << row[0];
  EXPECT_TRUE(c.pass);
}

INSTANTIATE_TEST_SUITE_P(QuadraticModels, Igr3QuadraticSeries, ::testing::Values("least-squares", "quadratic"), ModelName());

TEST(Igr3QuadraticSeriesInput, RejectsNonQuadraticModel) {
  EXPECT_THROW(igr_quadratic_series_case<double>(claim_context("IGR-3"), generate_problem("diag-uv", 1), 4), ProblemError);
}
