// SDE-1 (CLAIMS.md): SME1 order 1 and SME2 order 2 in the exact weak error (quad, d = 2, 6 levels), the three
// controls rejected; the stationary exhibit refutes "SME2 at least as accurate as SME1".
#include "checks/sde/sde1_exact_weak_orders.hpp"
#include "checks/framework/claim.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Sde1ExactWeakOrders, Sme1OrderOneSme2OrderTwoControlsRejected) {
  const RunContext ctx = claim_context("SDE-1");
  for (const BatchScheme b : {BatchScheme{1, BatchSampling::WithReplacement}, BatchScheme{2, BatchSampling::WithoutReplacement}}) {
    const Case c = sde_weak_order_case<quad>(ctx, generate_problem("least-squares", 1, {8, 2, 0}), b, 6);
    for (const auto& s : c.series) EXPECT_EQ(s.order_holds, s.role == Role::claim) << s.name << ": " << s.fit.slope;
    EXPECT_TRUE(c.pass);
  }
}

TEST(Sde1ExactWeakOrders, StationaryExhibit) {
  const Case c = sde_stationary_case<mp50>(claim_context("SDE-1"));
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.evidence;
}
