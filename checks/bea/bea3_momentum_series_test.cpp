// BEA-3 (CLAIMS.md BEA): the underlying one-step methods give MOM's kappa, prefactor and start shifts exactly; the GD and
// heavy-ball controls are refuted.
#include "checks/bea/bea3_momentum_series.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/test_names.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Bea3MomentumSeries, CoefficientsAndShiftsExactControlsRefuted) {
  const Case c = bea_momentum_exact_case(claim_context("BEA-3"));
  EXPECT_TRUE(c.pass);
  int refuted = 0;
  for (const Statement& s : c.statements) {
    EXPECT_TRUE(s.pass()) << s.text << ": " << s.evidence;
    refuted += s.expected == kRefuted;
  }
  EXPECT_EQ(refuted, 15);  // GD's kappa: 3 schemes x 3 betas; heavy ball's for Nesterov: 2 x 3
}

TEST(Bea3MomentumSeries, SeriesKappaAndShiftHaveOrderTwoControlsOrderOne) {
  for (Momentum m : {Momentum::HeavyBall, Momentum::PyTorchNesterov}) {
    const Case c = bea_momentum_ladder_case<mp50>(claim_context("BEA-3"), generate_problem("diag-uv", 1), m, kBeaMomLevels);
    EXPECT_TRUE(c.pass) << c.label;
    for (const auto& s : c.series) EXPECT_TRUE(s.fit.ok) << s.name << ": " << s.fit.note;
  }
}
