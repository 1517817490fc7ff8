// RANK-4 (CLAIMS.md): GD with weight decay on linear2 with whitened inputs reaches the soft-thresholded spectrum to the
// working precision; the threshold lambda is refuted.
#include "checks/rank/rank4_closed_form.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Rank4ClosedForm, GdWithDecayReachesTheSoftThresholdedSpectrumInEveryPrecision) {
  const ProblemSpec spec = rank4_problems()[0];
  EXPECT_EQ(rank4_not_applicable(spec), "");
  const Case q = rank_closed_form_case<quad>(claim_context("RANK-4", 8), spec);
  const Case m = rank_closed_form_case<mp50>(claim_context("RANK-4", 8), spec);
  for (const Case* c : {&q, &m}) {
    EXPECT_TRUE(c->pass) << c->scalar;
    for (const auto& s : c->statements) EXPECT_TRUE(s.pass()) << c->scalar << ": " << s.text << ": " << s.outcome << " (" << s.evidence << ")";
    EXPECT_EQ(c->extra["closed_form_rank"].get<int>(), 2);
  }
  EXPECT_GT(q.extra["digits"].get<double>(), 30);
  EXPECT_GT(m.extra["digits"].get<double>(), 45);
}

TEST(Rank4ClosedForm, RefusesInputsThatAreNotWhitened) {
  ProblemSpec s = rank4_problems()[0];
  s.data[0][0] = "0.5";
  EXPECT_NE(rank4_not_applicable(s), "");
}
