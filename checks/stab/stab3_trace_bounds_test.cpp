// STAB-3 (CLAIMS.md): the B = 1 and 2B trace bounds hold at every instance; the B-free bound fails at B >= 2 and the
// counterexample is confirmed from its rounded problem file; the sqrt(B) control is rejected (the claim's own budget).
#include "checks/framework/minimum_setup.hpp"
#include "checks/stab/stab3_trace_bounds.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Stab3TraceBounds, BoundsHoldAtTheBuiltInMinima) {
  for (const auto& spec : minimum_problems()) EXPECT_TRUE(stab_trace_bounds_case<double>(claim_context("STAB-3"), spec).pass) << spec.name;
}

TEST(Stab3TraceBounds, SearchKeepsTheBoundsAndFindsAConfirmedBFreeCounterexample) {
  const Case c = stab_trace_bounds_search(claim_context("STAB-3"));
  EXPECT_TRUE(c.pass);
  EXPECT_LE(c.extra["worst_b1_ratio"].get<double>(), 1 + 1e-12);
  EXPECT_LE(c.extra["worst_2b_ratio"].get<double>(), 1 + 1e-12);
  EXPECT_GT(c.extra["worst_b_free_ratio"].get<double>(), 1.0);
  EXPECT_EQ(c.stored_problems.size(), 1u);
}

// A refuted statement that starts to hold turns its claim red: without a confirmed counterexample the B-free
// statement holds, against its expectation.
TEST(Stab3TraceBounds, BFreeStatementFailsWhenNoCounterexampleIsConfirmed) {
  EXPECT_TRUE(b_free_statement(true, 3.1).pass());
  const Statement s = b_free_statement(false, 0.98);
  EXPECT_EQ(s.outcome, kHolds);
  EXPECT_FALSE(s.pass());
}
