// STAB-4 (CLAIMS.md): SGD end points obey the trace bound; GD end points obey lambda_max <= 2/eta and can exceed the
// trace bound. "Every SGD end point is mean-square stable" is refuted only by an end point with eta > eta* whose
// Lyapunov exponent is resolved negative.
#include "checks/stab/stab4_selection.hpp"
#include "checks/framework/minimum_setup.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Stab4Selection, TraceBoundHoldsForSgdAndNotForGd) {
  RunContext ctx = claim_context("STAB-4", 6);
  ctx.levels = 4;
  const Case c = stab_selection_case(ctx, minimum_problems()[2]);  // diag-uu-vv
  EXPECT_GT(c.extra["sgd_end_points"].get<int>(), 0);
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
  EXPECT_TRUE(c.pass);
}

// The refuted statement needs an exhibit: mean-square unstable end points without a resolved negative Lyapunov
// exponent leave it unresolved (a failure), and none at all would make it hold (a failure of the claim).
TEST(Stab4Selection, MeanSquareStatementIsRefutedOnlyByAnExhibit) {
  EXPECT_EQ(ms_stable_statement(3, 1, 0.97, 4.0).outcome, kRefuted);
  EXPECT_EQ(ms_stable_statement(3, 0, 0.97, 4.0).outcome, kUnresolved);
  EXPECT_FALSE(ms_stable_statement(3, 0, 0.97, 4.0).pass());
  EXPECT_EQ(ms_stable_statement(0, 0, 1.0, 4.0).outcome, kHolds);
}
