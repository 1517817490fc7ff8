// RANK-1 (CLAIMS.md): SGD with weight decay unrolls exactly and each step's gradient has rank <= B (a short replay;
// the full one runs in the reference rerun).
#include "checks/rank/rank1_unrolling.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
void expect_pass(const std::vector<Case>& cs) {
  ASSERT_EQ(cs.size(), 3u);  // B = 1, 3, N
  for (const auto& c : cs) {
    EXPECT_TRUE(c.pass) << c.label;
    int controls = 0;
    for (const auto& s : c.statements) {
      EXPECT_TRUE(s.pass()) << c.label << ": " << s.text << ": " << s.outcome << " (" << s.evidence << ")";
      controls += s.expected == kRefuted;
    }
    EXPECT_EQ(controls, 2);
  }
}
}  // namespace

TEST(Rank1Unrolling, Mp50ReplayHasRankAtMostBAndTheUnrollingToRounding) {
  std::vector<Rank1Measurement<mp50>> ms;
  const auto cs = rank_unrolling_cases<mp50>(claim_context("RANK-1"), rank1_problems()[1], 12, &ms);  // relu2
  expect_pass(cs);
  ASSERT_EQ(ms.size(), cs.size());
  EXPECT_GT(ms[1].layer[0].gap, 40);  // B = 3: kept and zero singular values of W1 40 decades apart
}

TEST(Rank1Unrolling, DoubleReplayResolvesTheRankAtItsOwnThreshold) {
  expect_pass(rank_unrolling_cases<double>(claim_context("RANK-1"), rank1_problems()[0], 12));  // linear2; zero below eps^(4/5) = 3e-13
}
