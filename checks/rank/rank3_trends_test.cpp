// RANK-3 (CLAIMS.md): the epsilon-rank of relu2 rises with B and falls with mu and lambda, not with mu at lambda = 0
// (16 runs per point; the reference rerun takes 64 and linear2 too).
#include "checks/rank/rank3_trends.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Rank3Trends, Relu2RankFallsWithSmallerBatchLargerStepAndDecay) {
  Rank3Plan plan;
  plan.runs = 16;
  plan.batches = {1, 4, 16};
  const Case c = rank_trend_case<double>(claim_context("RANK-3"), rank3_problems()[1], plan);
  EXPECT_TRUE(c.pass);
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
  EXPECT_EQ(c.statements.size(), 4u);
}
