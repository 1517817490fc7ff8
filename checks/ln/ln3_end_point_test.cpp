// LN-3 (CLAIMS.md): the flow of tr H/4 ends at the minimal weighted l1 interpolator; sigma = 0 stays put; the
// manifold path's distance to the flows falls with eta (the full ladder runs in the main job's reference rerun).
#include "checks/ln/ln3_end_point.hpp"
#include "checks/ln/ln_setup.hpp"

#include <gtest/gtest.h>

#include <cmath>

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

// "rate > 1/2" is decided on the contrast d_a/2 - d_b: at label-noise GD's floor (seed 3 with 512 runs: distances
// 2.3164e-4 +- 2.83e-5 and 1.8177e-4 +- 1.16e-5 two halvings apart) the log rate 0.175 +- 0.099 leaves it unresolved,
// the contrast (z = -3.6) refutes it; a distance falling like eta holds.
TEST(Ln3EndPoint, RateAboveAHalfIsDecidedOnTheLinearContrast) {
  const DistanceRate floor = distance_rate(2.3164e-4, 2.8277e-5, 1.8177e-4, 1.1558e-5, 4);
  EXPECT_NEAR(floor.rate, 0.175, 5e-4);
  EXPECT_GT(floor.rate + kZ999 * floor.se, 0.5);  // the delta method could not refute it
  EXPECT_NEAR(rate_contrast_z(floor, 0.5), (2.3164e-4 / 2 - 1.8177e-4) / std::hypot(1.1558e-5, 2.8277e-5 / 2), 1e-12);
  EXPECT_EQ(rate_above(floor, 0.5), kRefuted);
  EXPECT_EQ(rate_above(distance_rate(2.0893e-2, 2.8e-5, 5.288e-3, 5.3e-6, 4), 0.5), kHolds);
  EXPECT_EQ(rate_above(distance_rate(1e-3, 4e-4, 5e-4, 4e-4, 4), 0.5), kUnresolved);
}
