// MOM-3 (CLAIMS.md): the linearized heavy ball decays below 2(1+beta)/lambda_max and grows above, at log max|z|
// where the leading root is real; GD's bound and the effective-step rule are rejected; SGD with momentum's mean-square
// threshold is neither the deterministic one nor (1+beta) eta*_0, and at beta = 0 it is STAB-2's eta*.
#include "checks/framework/minimum_setup.hpp"
#include "checks/mom/mom3_stability.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Mom3Stability, JuryIntervalByDirectIteration) {
  for (const quad& beta : {quad(3) / 10, quad(9) / 10}) {
    const Case c = mom_stability_case<quad>(claim_context("MOM-3"), minimum_problems()[1], beta);
    for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
    EXPECT_EQ(c.statements.size(), 8u);  // interval, 2 controls; mean square, 2 controls; Monte Carlo, 1 control
    EXPECT_TRUE(c.pass);
  }
}

TEST(Mom3Stability, DoubledStateAtBetaZeroIsStab2) {
  const Case c = mom_ms_zero_case<quad>(claim_context("MOM-3"), minimum_problems()[1]);
  ASSERT_EQ(c.statements.size(), 1u);
  EXPECT_TRUE(c.statements[0].pass()) << c.statements[0].outcome;
}
