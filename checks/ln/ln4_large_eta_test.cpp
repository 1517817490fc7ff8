// LN-4 (CLAIMS.md): at eta near 2/lambda_max label-noise GD ends near R's minimizer, not tr H/4's (a short ladder;
// the full one runs in the main job's reference rerun).
#include "checks/ln/ln4_large_eta.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Ln4LargeEta, EndsAtTheLogFormsMinimizerAndTheTraceFormIsRefuted) {
  RunContext ctx = claim_context("LN-4", 256);
  ctx.levels = 2;
  Ln4Measurement<double> m;
  const Case c = ln_large_eta_case<double>(ctx, ln4_problems()[0], &m);  // diag-uv, N = 2, p = 3
  EXPECT_TRUE(c.pass);
  EXPECT_GT(m.gap, 0.5);
  int controls = 0;
  for (const auto& s : c.statements) {
    EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
    controls += s.expected == kRefuted;
  }
  EXPECT_EQ(controls, 1);
}
