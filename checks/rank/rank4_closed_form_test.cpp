// RANK-4 (CLAIMS.md): GD with weight decay on linear2 with whitened inputs reaches the soft-thresholded spectrum to the
// working precision; the threshold lambda is refuted.
#include "checks/rank/rank4_closed_form.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Rank4ClosedForm, GdWithDecayReachesTheSoftThresholdedSpectrumInEveryPrecision) {
  const ProblemSpec spec = rank4_problems()[0];
  EXPECT_EQ(rank4_not_applicable(spec), "");
  Rank4Measurement<quad> rq;
  Rank4Measurement<mp50> rm;
  const Case q = rank_closed_form_case<quad>(claim_context("RANK-4", 8), spec, &rq);
  const Case m = rank_closed_form_case<mp50>(claim_context("RANK-4", 8), spec, &rm);
  for (const Case* c : {&q, &m}) {
    EXPECT_TRUE(c->pass) << c->scalar;
    for (const auto& s : c->statements) EXPECT_TRUE(s.pass()) << c->scalar << ": " << s.text << ": " << s.outcome << " (" << s.evidence << ")";
  }
  EXPECT_EQ(rq.cf.rank, 2);
  EXPECT_EQ(rm.cf.rank, 2);
  EXPECT_GT(rq.cmp.digits, 30);
  EXPECT_GT(rm.cmp.digits, 45);
}

TEST(Rank4ClosedForm, RefusesInputsThatAreNotWhitened) {
  ProblemSpec s = rank4_problems()[0];
  s.data[0][0] = "0.5";
  EXPECT_NE(rank4_not_applicable(s), "");
}
