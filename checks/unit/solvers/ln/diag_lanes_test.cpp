// solvers/ln/diag_lanes.hpp: eight label-noise runs side by side on a diagonal net are LabelNoiseStep<double>'s runs
// bit for bit (diag-uv and diag-uu-vv; B = 2 with replacement, B = 3 of 5 without, B = N = 5, label-noise GD; 11 runs:
// a full group and a partial one), in one advance and in two; a run that overflows is refused.
#include "solvers/ln/diag_lanes.hpp"

#include "solvers/iterate/iterate.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
DiagNet<double> net(DiagKind kind) {
  Mat<double> X(5, 3);
  Vec<double> y(5);
  for (int i = 0; i < 5; ++i) {
    for (int k = 0; k < 3; ++k) X(i, k) = std::sin(1.0 + 3 * i + k);
    y(i) = std::cos(0.5 + i);
  }
  return DiagNet<double>(kind, X, y);
}
}  // namespace

TEST(DiagLabelNoiseLanes, AreLabelNoiseStepBitForBit) {
  for (DiagKind kind : {DiagKind::UV, DiagKind::UUVV}) {
    const DiagNet<double> m = net(kind);
    Vec<double> theta0(6);
    theta0 << 0.9, -0.4, 0.7, 0.6, 0.3, -0.8;
    for (const LabelNoise<double>& ln : {LabelNoise<double>{0.05, 0.3, 2, BatchSampling::WithReplacement},
                                         LabelNoise<double>{0.05, 0.3, 3, BatchSampling::WithoutReplacement},
                                         LabelNoise<double>{0.05, 0.3, 5, BatchSampling::WithoutReplacement}}) {
      DiagLabelNoiseLanes lanes(m, ln, 17);
      Vec<double> got;
      for (long first : {0L, 8L}) {
        const int count = first == 0 ? 8 : 3;
        lanes.start(first, count, theta0);
        lanes.advance(20, Deadline());
        lanes.advance(17, Deadline());
        for (int l = 0; l < count; ++l) {
          LabelNoiseStep<double> step(m, ln, 17, static_cast<std::uint64_t>(first + l));
          Vec<double> x = theta0;
          for (int s = 0; s < 37; ++s) step(x);
          lanes.get(l, got);
          EXPECT_TRUE(got == x) << m.kind() << " B " << ln.batch << " run " << first + l;
        }
      }
    }
  }
}

TEST(DiagLabelNoiseLanes, RefusesARunThatOverflows) {
  const DiagNet<double> m = net(DiagKind::UV);
  DiagLabelNoiseLanes lanes(m, LabelNoise<double>{10.0, 0.3, 2, BatchSampling::WithReplacement}, 1);
  lanes.start(0, 2, Vec<double>::Constant(6, 30.0));
  EXPECT_THROW(lanes.advance(400, Deadline()), NumericalFault);
  EXPECT_THROW(lanes.start(0, 9, Vec<double>::Zero(6)), std::invalid_argument);
}
