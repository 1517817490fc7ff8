// solvers/ln/label_noise_lanes.hpp: eight label-noise runs side by side are LabelNoiseStep<double>'s runs bit for bit
// on every ISA this CPU has: diag-uv and diag-uu-vv (p = 3, N = 5), least squares with N = 9 and p = 1..9, 13, 16 (the
// dot product's every branch of Eigen's order); B = 2 with replacement, B = 5 without (a pass of four rows and one),
// B = N, label-noise GD; 11 runs: a full group and a partial one; in one advance and in two. A run that overflows is
// refused, and so is a model without lanes. run_arm is the generic noisy-optimizer arm (LabelNoiseStep::add_gradient,
// then AdamUpdate or heavy_ball_update) bit for bit: Adam with eps inside and outside, with and without bias
// correction, heavy ball, one and three draws a step, on fresh draws and on recorded ones (rewind); a rewind needs a
// record and cannot run past it, and no step comes before start. Batches and records past kMaxBytes are left to the
// generic path.
#include "solvers/ln/label_noise_lanes.hpp"

#include "solvers/iterate/adam.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/iterate/momentum.hpp"
#include "theory/models/diag_net.hpp"
#include "theory/models/least_squares.hpp"
#include "theory/models/quadratic.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>

using namespace irverify;

namespace {
Mat<double> data(int N, int p) {
  Mat<double> X(N, p);
  for (int i = 0; i < N; ++i)
    for (int k = 0; k < p; ++k) X(i, k) = std::sin(1.0 + 3 * i + k);
  return X;
}
Vec<double> labels(int N) {
  Vec<double> y(N);
  for (int i = 0; i < N; ++i) y(i) = std::cos(0.5 + i);
  return y;
}
DiagNet<double> net(DiagKind kind) { return DiagNet<double>(kind, data(5, 3), labels(5)); }
}  // namespace

TEST(LabelNoiseLanes, AreLabelNoiseStepBitForBit) {
  std::vector<std::unique_ptr<Model<double>>> models;
  models.push_back(std::make_unique<DiagNet<double>>(net(DiagKind::UV)));
  models.push_back(std::make_unique<DiagNet<double>>(net(DiagKind::UUVV)));
  for (int p : {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16}) models.push_back(std::make_unique<LeastSquares<double>>(data(9, p), labels(9)));
  for (const auto& mp : models) {
    const Model<double>& m = *mp;
    const int N = m.num_examples(), n = m.dim();
    Vec<double> theta0(n);
    for (int q = 0; q < n; ++q) theta0(q) = 0.9 * std::cos(2.0 + q);
    for (const LabelNoise<double>& ln : {LabelNoise<double>{0.05, 0.3, 2, BatchSampling::WithReplacement},
                                         LabelNoise<double>{0.05, 0.3, 5, BatchSampling::WithoutReplacement},
                                         LabelNoise<double>{0.05, 0.3, N, BatchSampling::WithoutReplacement}})
      for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
        if (!isa_supported(isa)) continue;
        LabelNoiseLanes lanes(m, ln, 17, isa);
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
            EXPECT_TRUE(got == x) << m.kind() << " dim " << n << " B " << ln.batch << " run " << first + l << " "
                                  << isa_name(isa);
          }
        }
      }
  }
}

TEST(LabelNoiseLanes, RunArmIsTheGenericArmBitForBit) {
  const DiagNet<double> m = net(DiagKind::UV);
  Vec<double> theta0(6);
  theta0 << 0.9, -0.4, 0.7, 0.6, 0.3, -0.8;
  const LabelNoise<double> ln{0.0, 0.3, 2, BatchSampling::WithReplacement};
  const AdamHyper<double> out{0.9, 0.99, 1e-3, false}, in{0.8, 0.95, 1e-4, true};
  for (const NoisyArm<double>& arm : {NoisyArm<double>{NoisyOptimizer::Adam, 0.01, out, true, 1, 30},
                                      NoisyArm<double>{NoisyOptimizer::Adam, 0.02, in, false, 3, 10},
                                      NoisyArm<double>{NoisyOptimizer::HeavyBall, 0.05, out, true, 3, 10}}) {
    LabelNoiseLanes lanes(m, ln, 23);
    lanes.start(5, 7, theta0, true);  // the arm on the recorded draws of a first run of it, too
    lanes.run_arm(arm, Deadline());
    lanes.rewind(theta0);
    lanes.run_arm(arm, Deadline());
    Vec<double> got, g(6);
    for (int l = 0; l < 7; ++l) {
      LabelNoiseStep<double> src(m, ln, 23, static_cast<std::uint64_t>(5 + l));
      Vec<double> x = Vec<double>::Zero(arm.kind == NoisyOptimizer::Adam ? 18 : 12);
      x.head(6) = theta0;
      AdamUpdate<double> adam{arm.h, arm.a, arm.bias_correction};
      for (long s = 0; s < arm.steps; ++s) {
        const Vec<double> theta = x.head(6);
        g.setZero();
        for (int q = 0; q < arm.draws; ++q) src.add_gradient(theta, 1.0 / arm.draws, g);
        if (arm.kind == NoisyOptimizer::Adam) adam(x, g);
        else heavy_ball_update(x, g, arm.h, arm.a.beta);
      }
      lanes.get(l, got);
      EXPECT_TRUE(got == x.head(6)) << "draws " << arm.draws << " lane " << l;
    }
  }
}

TEST(LabelNoiseLanes, RewindNeedsARecordAndStaysInIt) {
  const DiagNet<double> m = net(DiagKind::UV);
  const Vec<double> theta0 = Vec<double>::Constant(6, 0.5);
  LabelNoiseLanes lanes(m, LabelNoise<double>{0.05, 0.3, 2, BatchSampling::WithReplacement}, 1);
  EXPECT_THROW(lanes.advance(1, Deadline()), std::logic_error);
  lanes.start(0, 3, theta0);
  EXPECT_THROW(lanes.rewind(theta0), std::logic_error);
  lanes.start(0, 3, theta0, true);
  lanes.advance(5, Deadline());
  lanes.rewind(theta0);
  lanes.advance(5, Deadline());
  EXPECT_THROW(lanes.advance(1, Deadline()), std::logic_error);
}

TEST(LabelNoiseLanes, RefusesAModelWithoutLanes) {
  const DiagNet<double> m = net(DiagKind::UV);
  const Quadratic<double> q({QuadraticTerm<double>{Mat<double>::Identity(2, 2), Vec<double>::Zero(2), 0.0}});
  const LabelNoise<double> ln{0.1, 0.3, 1, BatchSampling::WithReplacement};
  EXPECT_TRUE(LabelNoiseLanes::supports(m, ln));
  EXPECT_FALSE(LabelNoiseLanes::supports(q, ln));
  EXPECT_THROW(LabelNoiseLanes(q, ln, 1), std::invalid_argument);
}

// A batch whose eight runs' buffers would pass kMaxBytes goes to the generic path (2^24 examples of 3 features with
// replacement: 11.8 GB), which label_noise_path then takes; the largest batch within it is still taken here.
TEST(LabelNoiseLanes, LeavesHugeBatchesToTheGenericPath) {
  const DiagNet<double> m = net(DiagKind::UV);
  const LabelNoise<double> huge{0.1, 0.3, 1 << 24, BatchSampling::WithReplacement};
  EXPECT_GT(LabelNoiseLanes::bytes(m, huge), LabelNoiseLanes::kMaxBytes);
  EXPECT_FALSE(LabelNoiseLanes::supports(m, huge));
  EXPECT_FALSE(LabelNoiseLanes::steps_faster(m, huge));
  EXPECT_THROW(LabelNoiseLanes(m, huge, 1), std::invalid_argument);
  LabelNoise<double> most = huge;
  most.batch = 1;
  most.batch = static_cast<int>(LabelNoiseLanes::kMaxBytes / LabelNoiseLanes::bytes(m, most));
  EXPECT_TRUE(LabelNoiseLanes::supports(m, most) && LabelNoiseLanes::steps_faster(m, most));
}

// A record of draws is bounded too: supports counts it as a buffer a draw, and a kept record refuses to pass kMaxBytes
// (batches of 2^13 on 3 features: 2.5 MiB a draw, 102 within 256 MiB; the 103rd throws, before allocating).
TEST(LabelNoiseLanes, BoundsTheRecordOfDraws) {
  const DiagNet<double> m = net(DiagKind::UV);
  const LabelNoise<double> ln{0.1, 0.3, 1 << 13, BatchSampling::WithReplacement};
  const double most = std::floor(LabelNoiseLanes::kMaxBytes / LabelNoiseLanes::bytes(m, ln)) - 1;
  EXPECT_TRUE(LabelNoiseLanes::supports(m, ln, most));
  EXPECT_FALSE(LabelNoiseLanes::supports(m, ln, most + 1));
  LabelNoiseLanes lanes(m, ln, 1);
  lanes.start(0, 1, Vec<double>::Constant(6, 0.5), true);
  const long fit = static_cast<long>(LabelNoiseLanes::kMaxBytes / (8.0 * 8 * ln.batch * (2 + 3)));  // draws within it
  EXPECT_NO_THROW(lanes.advance(fit, Deadline()));
  EXPECT_THROW(lanes.advance(1, Deadline()), std::length_error);
}

TEST(LabelNoiseLanes, RefusesARunThatOverflows) {
  const DiagNet<double> m = net(DiagKind::UV);
  LabelNoiseLanes lanes(m, LabelNoise<double>{10.0, 0.3, 2, BatchSampling::WithReplacement}, 1);
  lanes.start(0, 2, Vec<double>::Constant(6, 30.0));
  EXPECT_THROW(lanes.advance(400, Deadline()), NumericalFault);
  EXPECT_THROW(lanes.start(0, 9, Vec<double>::Zero(6)), std::invalid_argument);
  EXPECT_THROW(lanes.start(0, 2, Vec<double>::Zero(5)), std::invalid_argument);
  lanes.start(0, 2, Vec<double>::Constant(6, 30.0));
  EXPECT_THROW(lanes.run_arm(NoisyArm<double>{NoisyOptimizer::HeavyBall, 10.0, {0.5, 0, 0, false}, true, 1, 400}, Deadline()),
               NumericalFault);
}

// Formula models (as_formula: least squares, diag-uv and a tanh net written as residual formulas) through the tape
// kernel: every ISA and every grouping of runs into lanes give the same bits; against LabelNoiseStep<double> on the
// same formula model (the generic path) they differ by rounding only: the step's sums run in another order and the
// residual r - s sigma is the tape's r + z, a few roundings a step on values of order 1, carried by 1 + eta lambda <= 2
// over 37 steps, so 2^12 epsilon bounds them with room; a wrong sign or scale of the noise (sigma = 0.3) is off by
// far more than that.
TEST(LabelNoiseLanes, TapeModelsAreTheGenericPathUpToRounding) {
  for (const char* kind : {"least-squares", "diag-uv", "two-layer-tanh"}) {
    const ProblemSpec spec = as_formula(generate_problem(kind, 3, {7, 3, 2, 0}));
    const Problem<double> p = build_problem<double>(spec);
    const Model<double>& m = *p.model;
    const int n = m.dim();
    for (const LabelNoise<double>& ln : {LabelNoise<double>{0.05, 0.3, 2, BatchSampling::WithReplacement},
                                         LabelNoise<double>{0.05, 0.3, 7, BatchSampling::WithoutReplacement}}) {
      ASSERT_TRUE(LabelNoiseLanes::supports(m, ln) && LabelNoiseLanes::steps_faster(m, ln)) << kind;
      std::vector<Vec<double>> first_isa;
      for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
        if (!isa_supported(isa)) continue;
        LabelNoiseLanes lanes(m, ln, 17, isa), alone(m, ln, 17, isa);
        lanes.start(0, 8, p.theta0);
        lanes.advance(20, Deadline());
        lanes.advance(17, Deadline());
        Vec<double> got, one;
        for (int l = 0; l < 8; ++l) {
          lanes.get(l, got);
          if (l == 5) {  // run 5 alone in its group: the same bits
            alone.start(5, 1, p.theta0);
            alone.advance(37, Deadline());
            alone.get(0, one);
            EXPECT_TRUE(one == got) << kind << " " << isa_name(isa);
          }
          if (static_cast<int>(first_isa.size()) < 8) first_isa.push_back(got);
          else EXPECT_TRUE(first_isa[l] == got) << kind << " lane " << l << " " << isa_name(isa);
          LabelNoiseStep<double> step(m, ln, 17, static_cast<std::uint64_t>(l));
          Vec<double> x = p.theta0;
          for (int s = 0; s < 37; ++s) step(x);
          EXPECT_LE((got - x).lpNorm<Eigen::Infinity>(), 0x1p12 * std::numeric_limits<double>::epsilon() * (1 + x.norm()))
              << kind << " B " << ln.batch << " lane " << l << " " << isa_name(isa) << " dim " << n;
          EXPECT_GT((x - p.theta0).norm(), 1e3 * (got - x).norm());  // the steps moved theta well beyond the rounding
        }
      }
    }
  }
}

// run_arm on a formula model: Adam and heavy ball as the generic arm computes them, up to rounding (as above).
TEST(LabelNoiseLanes, TapeModelRunArmIsTheGenericArmUpToRounding) {
  const Problem<double> p = build_problem<double>(as_formula(generate_problem("diag-uv", 3, {7, 3, 0, 0})));
  const Model<double>& m = *p.model;
  const int n = m.dim();
  const LabelNoise<double> ln{0.0, 0.3, 2, BatchSampling::WithReplacement};
  const AdamHyper<double> out{0.9, 0.99, 1e-3, false};
  for (const NoisyArm<double>& arm : {NoisyArm<double>{NoisyOptimizer::Adam, 0.01, out, true, 1, 30},
                                      NoisyArm<double>{NoisyOptimizer::HeavyBall, 0.05, out, true, 3, 10}}) {
    LabelNoiseLanes lanes(m, ln, 23);
    lanes.start(5, 7, p.theta0);
    lanes.run_arm(arm, Deadline());
    Vec<double> got, g(n);
    for (int l = 0; l < 7; ++l) {
      LabelNoiseStep<double> src(m, ln, 23, static_cast<std::uint64_t>(5 + l));
      Vec<double> x = Vec<double>::Zero(arm.kind == NoisyOptimizer::Adam ? 3 * n : 2 * n);
      x.head(n) = p.theta0;
      AdamUpdate<double> adam{arm.h, arm.a, arm.bias_correction};
      for (long s = 0; s < arm.steps; ++s) {
        const Vec<double> theta = x.head(n);
        g.setZero();
        for (int q = 0; q < arm.draws; ++q) src.add_gradient(theta, 1.0 / arm.draws, g);
        if (arm.kind == NoisyOptimizer::Adam) adam(x, g);
        else heavy_ball_update(x, g, arm.h, arm.a.beta);
      }
      lanes.get(l, got);
      const Vec<double> want = x.head(n);
      EXPECT_LE((got - want).lpNorm<Eigen::Infinity>(), 0x1p12 * std::numeric_limits<double>::epsilon() * (1 + want.norm()))
          << "draws " << arm.draws << " lane " << l;
      EXPECT_GT((want - p.theta0).norm(), 1e3 * (got - want).norm());
    }
  }
}
