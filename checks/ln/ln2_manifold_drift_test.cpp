// LN-2 (CLAIMS.md): the exact sigma^2 coefficient of the drift along the manifold against Monte Carlo with Richardson
// extrapolation; GD's drift is the paper's; lambda with 2B and the (1/4) tr H form must be refuted.
#include "checks/ln/ln2_manifold_drift.hpp"
#include "checks/framework/minimum_setup.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Ln2ManifoldDrift, ExactCoefficientMatchesRichardsonAndControlsAreRefuted) {
  Ln2Measurement<quad> m;
  const Case c = ln_drift_case<quad>(claim_context("LN-2", 1L << 11), minimum_problems()[1], &m);  // diag-uv
  EXPECT_TRUE(c.pass);
  for (const auto& sc : m.schemes) {
    if (sc.gd) {
      EXPECT_LE(to_double(sc.paper_gap), 1e-28);
    }
  }
  int controls = 0;
  for (const auto& s : c.statements) {
    EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
    controls += s.expected == kRefuted;
  }
  EXPECT_EQ(controls, 3);  // 2B at both schemes, the trace form for GD
}
