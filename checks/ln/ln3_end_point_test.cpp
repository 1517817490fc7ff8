// LN-3 (CLAIMS.md): the flow of tr H/4 ends at the minimal weighted l1 interpolator; sigma = 0 stays put; the
// manifold path's distance to the flows falls with eta (the full ladder runs in the main job's reference rerun).
#include "checks/ln/ln3_end_point.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Ln3EndPoint, FlowEndsAtTheWeightedL1InterpolatorAndNoNoiseStaysPut) {
  RunContext ctx = claim_context("LN-3", 32);
  ctx.levels = 3;
  Ln3Measurement<double> m;
  const Case c = ln_end_point_case<double>(ctx, ln3_problems()[1], &m);  // diag-uv, sparse teacher
  ASSERT_TRUE(m.end.has_value());
  EXPECT_LE(m.end->distance.back(), 1e-8);
  int checked = 0;
  for (const auto& s : c.statements)
    if (s.text.find("sigma = 0") != std::string::npos || s.text.find("ends at") != std::string::npos) {
      EXPECT_TRUE(s.pass()) << s.text << ": " << s.outcome << " (" << s.evidence << ")";
      ++checked;
    }
  EXPECT_EQ(checked, 3);
  // The distance to the flow of tr H/4 halves with eta.
  const auto& err = c.series[1].err;
  ASSERT_EQ(err.size(), 3u);
  EXPECT_GT(err[0] / err[1], 1.8);
  EXPECT_GT(err[1] / err[2], 1.8);
}
