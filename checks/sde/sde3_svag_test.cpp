// SDE-3 (CLAIMS.md): SVAG's exact weak error against SME1 is order 1 in 1/l (quad, d = 2, 6 levels); the control with
// half the covariance does not vanish.
#include "checks/sde/sde3_svag.hpp"
#include "checks/framework/claim.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Sde3Svag, OrderOneInOneOverLAndTheWrongRDoesNotVanish) {
  const Case c = svag_case<quad>(claim_context("SDE-3"), generate_problem("least-squares", 1, {8, 2, 0}),
                                 BatchScheme{1, BatchSampling::WithReplacement}, 6);
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.evidence;
  EXPECT_TRUE(c.pass);
}
