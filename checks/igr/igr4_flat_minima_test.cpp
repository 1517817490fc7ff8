// IGR-4 (CLAIMS.md): on two-param, diag-uv (and smooth formulas), GD's limit gets flatter as h grows; its distance to
// the flow-of-L limit has order 1, to the flow-of-L~ limit order 2; the h/2 control and the monotonicity control are
// rejected.
#include "checks/igr/igr4_flat_minima.hpp"
#include "checks/igr/flat_minima_study.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

class Igr4FlatMinima : public ::testing::TestWithParam<std::string> {};

TEST_P(Igr4FlatMinima, FlatterWithLargerStepAndOrdersOneAndTwo) {
  const Case c = igr_flat_minima_case<quad>(claim_context("IGR-4"), generate_problem(GetParam(), 1), 8);
  EXPECT_TRUE(order_matches(c.series[0].fit, 1, kOrderTolerance)) << c.series[0].fit.slope;
  EXPECT_TRUE(order_matches(c.series[1].fit, 2, kOrderTolerance)) << c.series[1].fit.slope;
  EXPECT_FALSE(c.series[2].order_holds);
  ASSERT_FALSE(c.statements.empty());
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome;
  EXPECT_TRUE(c.pass);
}

INSTANTIATE_TEST_SUITE_P(Models, Igr4FlatMinima, ::testing::Values("two-param", "diag-uv"), ModelName());

TEST(Igr4FlatMinimaRule, StrictlyDecreasingNeedsRealDrops) {
  EXPECT_TRUE(strictly_decreasing({3, 2, 1}, 0.5));
  EXPECT_FALSE(strictly_decreasing({3, 2.8, 1}, 0.5));
  EXPECT_FALSE(strictly_decreasing({1, 1, 1}, 0));
  EXPECT_FALSE(strictly_decreasing({1, 2}, 0));
}

TEST(Igr4FlatMinimaInput, OtherModelsAreNotApplicable) {
  RunSettings opt;
  opt.problems = {generate_problem("least-squares", 1)};
  EXPECT_THROW(run_claim("IGR-4", opt), ProblemError);
}

// IGR-4/5 take two-param, diag-uv and smooth formula models (the generated two-param and a relu rewrite of it).
TEST(Igr4FlatMinimaRule, AppliesToTheToysAndSmoothFormulas) {
  ProblemSpec f = as_formula(generate_problem("two-param", 1));
  EXPECT_EQ(flat_minima_not_applicable(generate_problem("two-param", 1)), "");
  EXPECT_EQ(flat_minima_not_applicable(generate_problem("diag-uv", 1)), "");
  EXPECT_EQ(flat_minima_not_applicable(f), "");
  EXPECT_NE(flat_minima_not_applicable(generate_problem("least-squares", 1)).find("two-param, diag-uv, formula"), std::string::npos);
  f.residual = "relu(" + f.residual + ")";
  EXPECT_NE(flat_minima_not_applicable(f).find("not smooth"), std::string::npos);
}
