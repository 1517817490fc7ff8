// ADAM-1 (CLAIMS.md): bias-corrected Adam is order 2 against the derived flow (eps inside and outside the root), the
// controls and the uncorrected method order 1. (On two-param the eps-outside rates reach 2 only from h ~ 2^-14:
// pairwise 1.95 at 2^-12, 1.997 at 2^-17; the toy is asymptotic from 2^-10.) At eps = 1e-6 the deviation from the
// preconditioned flow has the sign of a - r; as eps -> infinity the field's h-part is MOM-1's to O(1/eps^2).
#include "checks/adam/adam1_modified_ode.hpp"
#include "checks/framework/toy_problems.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Adam1ModifiedOde, OrderTwoWithBiasCorrection) {
  const Case c = adam_modified_ode_case<quad>(claim_context("ADAM-1"), uv_ridge_toy(), quad(1) / 2, quad(3) / 5,
                                              quad(1) / 10);
  for (const auto& s : c.series) EXPECT_EQ(s.order_holds, s.role == Role::claim) << s.name << ": " << s.fit.slope;
  EXPECT_TRUE(c.pass);
}

TEST(Adam1ModifiedOde, SmallEpsSignAndLargeEpsLimit) {
  const RunContext ctx = claim_context("ADAM-1");
  const quad small = quad(1) / 1000000, quarter = quad(1) / 4;
  for (const auto& [beta, rho] : {std::pair{quad(1) / 2, quad(3) / 5}, std::pair{quad(3) / 5, quad(1) / 2}}) {
    const Case c = adam_small_eps_case<quad>(ctx, uv_ridge_toy(), beta, rho, small, quarter);
    for (const auto& s : c.statements) EXPECT_TRUE(s.pass()) << s.text << ": " << s.evidence;
  }
  const Case big = adam_large_eps_case<quad>(ctx, uv_ridge_toy(), quad(1) / 2);
  for (const auto& s : big.series) EXPECT_EQ(s.order_holds, s.role == Role::claim) << s.name << ": " << s.fit.slope;
  EXPECT_TRUE(big.pass);
}
