// IGR-5 (CLAIMS.md): the limit of the flow of L + mu |g|^2 gets flatter as mu grows (the sign-flipped control
// does not); mu = h/4 reproduces GD's limit to O(h^2), mu = h/2 does not.
#include "checks/igr/igr5_explicit_regularizer.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

class Igr5ExplicitRegularizer : public ::testing::TestWithParam<std::string> {};

TEST_P(Igr5ExplicitRegularizer, SharpnessDecreasesInMuAndQuarterStepIsGd) {
  const Case c = igr_explicit_regularizer_case<quad>(claim_context("IGR-5"), generate_problem(GetParam(), 1), 8);
  EXPECT_TRUE(order_matches(c.series[0].fit, 2, kOrderTolerance)) << c.series[0].fit.slope;
  EXPECT_FALSE(c.series[1].order_holds);
  ASSERT_FALSE(c.statements.empty());
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome;
  EXPECT_TRUE(c.pass);
}

INSTANTIATE_TEST_SUITE_P(Models, Igr5ExplicitRegularizer, ::testing::Values("two-param", "diag-uv"), ModelName());
