// EOS-2 (CLAIMS.md): a problem that never reaches 2/eta states so (and judges nothing else); a degenerate top
// eigenvalue or a missing h0 is refused. (The full run is the reference rerun, labelled slow.)
#include "checks/eos/eos2_tanh_net.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Eos2TanhNet, BelowTheEdgeNothingElseIsJudged) {
  ProblemSpec s = generate_problem("two-layer-tanh", 1);
  s.h0 = "0.01";  // 2/eta = 200: far above the sharpness
  const Case c = eos_net_case<double>(claim_context("EOS-2"), s, 50);
  ASSERT_EQ(c.statements.size(), 1u);
  EXPECT_EQ(c.statements[0].outcome, Outcome::refuted);
  s.h0.clear();
  EXPECT_THROW(eos_net_case<double>(claim_context("EOS-2"), s, 50), ProblemError);
}
