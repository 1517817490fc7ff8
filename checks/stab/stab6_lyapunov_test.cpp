// STAB-6 (CLAIMS.md): the one-dimensional instance h in {1, 3}, B = 1 against its closed forms (eta* = 4/5,
// 2/lambda_max = 1, eta_L = 4/3), the Monte Carlo exponent against the exact one, and the return fractions; the
// control "eta* decides" refuted there.
#include "checks/stab/stab6_lyapunov.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Stab6Lyapunov, OneDimensionalClosedFormsAndTheControl) {
  Stab6Budget b;
  b.runs = 64;
  b.burn_in = 1000;
  b.window = 8000;
  b.return_runs = 32;
  const std::vector<Case> cs = stab_lyapunov_cases<mp50>(claim_context("STAB-6"), stab6_one_d_problem(), b);
  ASSERT_EQ(cs.size(), 1u);
  const Case& c = cs[0];
  for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
  EXPECT_TRUE(c.pass);
  EXPECT_NEAR(c.extra["lyapunov"]["eta_L_exact"].get<double>(), 4.0 / 3, 1e-15);
  bool control = false;
  for (const auto& s : c.statements) control = control || (s.expected == kRefuted && s.outcome == kRefuted);
  EXPECT_TRUE(control);
}
