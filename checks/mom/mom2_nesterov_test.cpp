// MOM-2 (CLAIMS.md): both Nesterov forms from rest are order 1 from theta0 and order 2 from their own shifted starts,
// the heavy-ball coefficient is refuted, each lag coefficient extrapolates to its own shift; both on the manifold
// (PyTorch's from the buffer of the manifold's past) are order 3.
#include "checks/mom/mom2_nesterov.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
void expect_momentum_case_passes(const Case& c) {
  for (const auto& s : c.series) EXPECT_EQ(s.order_holds, s.role == Role::claim) << s.name << ": " << s.fit.slope;
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
  EXPECT_TRUE(c.pass) << c.label;
}
}  // namespace

TEST(Mom2Nesterov, BothFormsFollowTheFlowFromTheirOwnShift) {
  const ProblemSpec spec = generate_problem("two-param", 1);
  for (Momentum kind : {Momentum::Sutskever, Momentum::PyTorchNesterov}) {
    const MomentumSetting<quad> m = nesterov_setting<quad>(kind, quad(3) / 10);
    const Case g = momentum_global_case<quad>(claim_context("MOM-2"), spec, m, 8);
    expect_momentum_case_passes(g);
    EXPECT_GE(g.extra["lag"]["digits"].get<double>(), kMomLagDigits);
  }
  for (Momentum kind : {Momentum::Sutskever, Momentum::PyTorchNesterov})  // PyTorch's from the manifold's buffer
    expect_momentum_case_passes(momentum_local_case<quad>(claim_context("MOM-2"), spec, nesterov_setting<quad>(kind, quad(3) / 10), 8));
}
