// ADAM-2 (CLAIMS.md): on a short ladder (h = 2^-2 .. 2^-5, 4096 runs) the square-root rule's discrepancy vanishes on
// least squares, the linear rule's and the unscaled betas' do not.
#include "checks/adam/adam2_sqrt_scaling.hpp"
#include "checks/framework/claim.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Adam2SqrtScaling, SquareRootRuleVanishesLinearRuleDoesNot) {
  const RunContext ctx = claim_context("ADAM-2", 4096);
  const Case c = adam_sqrt_scaling_case<double>(ctx, generate_problem("least-squares", 1), 4);
  ASSERT_EQ(c.statements.size(), 3u);
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.evidence;
  EXPECT_TRUE(c.pass);
}
