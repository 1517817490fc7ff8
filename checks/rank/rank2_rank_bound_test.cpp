// RANK-2 (CLAIMS.md): the derived bound holds, its one-term-short control and the paper's form without its hypothesis
// are refuted, on the grid point where the layers collapse (a short grid; the full one runs in the reference rerun).
#include "checks/rank/rank2_rank_bound.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Rank2RankBound, DerivedBoundHoldsAndThePaperFormFailsWithoutItsHypothesis) {
  Rank2Grid g;
  g.batches = {1};
  g.mus = {"0.4"};
  g.lambdas = {"0.5"};
  g.checkpoints = {16, 64};
  g.runs = 4;
  Rank2Measurement r;
  const Case c = rank_bound_case(claim_context("RANK-2"), rank2_problems()[0], g, &r);  // linear2
  EXPECT_TRUE(c.pass);
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
  EXPECT_GT(r.paper.violations, 0);
  EXPECT_EQ(c.stored_problems.size(), 1u);
  EXPECT_LT(r.derived.worst, 1.0);
}
