// MOM-1 (CLAIMS.md): heavy ball from rest is order 1 from theta0 and order 2 from the shifted start, the wrong
// coefficients are refuted, the lag coefficient extrapolates to beta/(1-beta)^2; one step on the manifold is order 3.
#include "checks/mom/mom1_heavy_ball.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

class Mom1HeavyBall : public ::testing::TestWithParam<std::string> {};

TEST_P(Mom1HeavyBall, LagsFromRestAndFollowsTheModifiedFlowFromTheShiftedStart) {
  const ProblemSpec spec = generate_problem(GetParam(), 1);
  const MomentumSetting<quad> m = heavy_ball_setting<quad>(quad(1) / 2);
  const Case g = momentum_global_case<quad>(claim_context("MOM-1"), spec, m, 8);
  const Case l = momentum_local_case<quad>(claim_context("MOM-1"), spec, m, 8);
  for (const Case* c : {&g, &l}) {
    for (const auto& s : c->series) EXPECT_EQ(s.order_holds, s.role == Role::claim) << s.name << ": " << s.fit.slope;
    for (const auto& s : c->statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
    EXPECT_TRUE(c->pass);
  }
  EXPECT_GE(g.extra["lag"]["digits"].get<double>(), kMomLagDigits);
}

INSTANTIATE_TEST_SUITE_P(Models, Mom1HeavyBall, ::testing::Values("two-param", "diag-uv"), ModelName());
