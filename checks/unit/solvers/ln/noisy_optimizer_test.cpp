// solvers/ln/noisy_optimizer.hpp: heavy ball with beta = 0 is label-noise SGD on the same draws (to rounding); one
// Adam arm run twice is the same bits (differences exactly 0); a step of kappa draws is the mean of kappa one-draw
// gradients at the same theta (checked through arms that differ only in how the draws are grouped, with h = 0 but
// the last step); the estimate is bit-identical for any thread count; arms whose record of draws would be too large
// for the lanes take the generic path (same bits); bad arms are refused. The first two on diag-uv (the lanes) and
// two-layer-tanh (the generic path).
#include "solvers/ln/noisy_optimizer.hpp"

#include "solvers/iterate/iterate.hpp"
#include "solvers/ln/label_noise_lanes.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

#include <limits>

using namespace irverify;

namespace {
struct NoisyFixture {
  explicit NoisyFixture(const char* model = "diag-uv") : pr(build_problem<double>(generate_problem(model, 3))) {}
  Problem<double> pr;
  Batch all = pr.model->all_examples();
  LabelNoise<double> ln{0.05, 0.3, 2, BatchSampling::WithReplacement};
  std::function<double(const Vec<double>&)> first = [](const Vec<double>& t) { return t(0); };
};
}  // namespace

TEST(NoisyOptimizer, HeavyBallWithoutMomentumIsLabelNoiseSgd) {
  for (const char* model : {"diag-uv", "two-layer-tanh"}) {
    NoisyFixture f(model);
    const long steps = 40;
    const NoisyArm<double> sgd{NoisyOptimizer::HeavyBall, f.ln.eta, {0, 0, 0, false}, true, 1, steps};
    for (int i = 0; i < f.pr.theta0.size(); ++i) {
      std::function<double(const Vec<double>&)> coord = [i](const Vec<double>& t) { return t(i); };
      const PairedEstimate<double> e = noisy_optimizer_paired<double>(*f.pr.model, f.ln, f.pr.theta0, {sgd}, coord, RunControl(9, 3));
      double want = 0;
      for (long k = 0; k < 3; ++k) {
        Vec<double> x = f.pr.theta0;
        LabelNoiseStep<double> step(*f.pr.model, f.ln, 9, k);
        iterate(step, x, steps);
        want += x(i) / 3;
      }
      EXPECT_NEAR(e.mean[0], want, 1e3 * std::numeric_limits<double>::epsilon() * (1 + std::abs(want))) << model << " " << i;
    }
  }
}

TEST(NoisyOptimizer, IdenticalArmsDifferByExactlyZeroAndThreadsDoNotMatter) {
  for (const char* model : {"diag-uv", "two-layer-tanh"}) {
    NoisyFixture f(model);
    const NoisyArm<double> adam{NoisyOptimizer::Adam, 0.01, {0.9, 0.99, 1e-3, false}, true, 1, 30};
    const auto run = [&](int threads) {
      return noisy_optimizer_paired<double>(*f.pr.model, f.ln, f.pr.theta0, {adam, adam}, f.first, RunControl(4, 50, threads));
    };
    const PairedEstimate<double> one = run(1), two = run(2);
    EXPECT_EQ(one.diff[1], 0.0) << model;
    EXPECT_EQ(one.diff_se[1], 0.0) << model;
    EXPECT_EQ(one.mean, two.mean) << model;
    EXPECT_EQ(one.se, two.se) << model;
    EXPECT_GT(one.se[0], 0.0) << model;
  }
}

TEST(NoisyOptimizer, AStepOfKappaDrawsAveragesTheirGradients) {
  // Plain SGD (heavy ball, beta = 0): one step on 4 draws at h and 4 one-draw steps at h/4 both move theta by
  // -(h/4) (g_1 + .. + g_4) + O(h^2) on the same draws; at h = 1e-9 the increments / h agree to O(h) plus rounding.
  const Problem<double> pr = build_problem<double>(generate_problem("least-squares", 2));
  const LabelNoise<double> ln{0, 1.0, 1, BatchSampling::WithReplacement};
  const double h = 1e-9;
  const NoisyArm<double> grouped{NoisyOptimizer::HeavyBall, h, {0, 0, 0, false}, true, 4, 1};
  const NoisyArm<double> single{NoisyOptimizer::HeavyBall, h / 4, {0, 0, 0, false}, true, 1, 4};
  std::function<double(const Vec<double>&)> first = [&](const Vec<double>& t) { return (t(0) - pr.theta0(0)) / h; };
  const PairedEstimate<double> e = noisy_optimizer_paired<double>(*pr.model, ln, pr.theta0, {grouped, single}, first, RunControl(6, 20));
  EXPECT_NEAR(e.diff[1], 0.0, 1e-6);
  EXPECT_GT(e.se[0], 1e-3);  // the increments are random, not all equal
}

// Arms whose record of draws would pass LabelNoiseLanes::kMaxBytes take the generic path, which records nothing:
// the first arm's mean is the same bits as when it runs alone in the lanes (diagonal nets: the same bits either way).
// Three times the draws supports allows: a draw's record is at least 3/7 of bytes (p = 1), so the lanes would throw.
TEST(NoisyOptimizer, ARecordPastTheLanesBoundTakesTheGenericPath) {
  NoisyFixture f;
  f.ln.batch = 1 << 12;
  const long steps = 3 * static_cast<long>(LabelNoiseLanes::kMaxBytes / LabelNoiseLanes::bytes(*f.pr.model, f.ln));
  ASSERT_TRUE(LabelNoiseLanes::supports(*f.pr.model, f.ln));
  ASSERT_FALSE(LabelNoiseLanes::supports(*f.pr.model, f.ln, static_cast<double>(steps)));
  const NoisyArm<double> adam{NoisyOptimizer::Adam, 0.01, {0.9, 0.99, 1e-3, false}, true, 1, steps};
  const PairedEstimate<double> both = noisy_optimizer_paired<double>(*f.pr.model, f.ln, f.pr.theta0, {adam, adam}, f.first, RunControl(5, 2));
  const PairedEstimate<double> alone = noisy_optimizer_paired<double>(*f.pr.model, f.ln, f.pr.theta0, {adam}, f.first, RunControl(5, 2));
  EXPECT_EQ(both.mean[0], alone.mean[0]);
  EXPECT_EQ(both.diff[1], 0.0);
}

TEST(NoisyOptimizer, RefusesArmsOnDifferentDraws) {
  NoisyFixture f;
  const NoisyArm<double> a{NoisyOptimizer::Adam, 0.01, {0.9, 0.99, 1e-3, false}, true, 1, 8};
  NoisyArm<double> b = a;
  b.draws = 2;
  EXPECT_THROW(noisy_optimizer_paired<double>(*f.pr.model, f.ln, f.pr.theta0, {a, b}, f.first, RunControl(1, 4)), std::invalid_argument);
  b.steps = 4;
  EXPECT_NO_THROW(noisy_optimizer_paired<double>(*f.pr.model, f.ln, f.pr.theta0, {a, b}, f.first, RunControl(1, 4)));
  EXPECT_THROW(noisy_optimizer_paired<double>(*f.pr.model, f.ln, f.pr.theta0, {a}, f.first, RunControl(1, 1)), std::invalid_argument);
}
