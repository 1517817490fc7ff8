// solvers/ln/label_noise.hpp: one label-noise step on least squares has exactly known moments, mean theta0 - eta g and
// covariance eta^2 (c_B Sigma_u + (sigma^2/B) M) (Sigma_u: covariance of u_i = r_i v_i over a uniform example;
// M = (1/N) sum v_i v_i'; c_B = 1/B with replacement, (N-B)/(B(N-1)) without); Monte Carlo over 2^16 runs must
// meet them within 4.5 standard errors, and must reject the noise term with B replaced by 2B. With sigma = 0 and
// B = N without replacement a step is a GD step. Moments are bit-identical for any thread count; after t steps from
// a minimum of least squares they meet the exact recursion; the mean path is the moments' mean; bad batches and
// options are refused.
#include "solvers/ln/label_noise.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/solvers/ln/moment_checks.hpp"
#include "solvers/ln/stationary.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/stability/interpolation.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
// The moments of theta1 after one step from theta0; noise_batch is the B in sigma^2/B (the control doubles it).
ExactMoments label_noise_one_step(const Model<double>& m, const Vec<double>& th, const LabelNoise<double>& ln, double noise_batch) {
  const int N = m.num_examples(), P = m.dim(), B = ln.batch;
  Vec<double> g = Vec<double>::Zero(P);
  Mat<double> uu = Mat<double>::Zero(P, P), M = Mat<double>::Zero(P, P);
  for (int i = 0; i < N; ++i) {
    const Vec<double> v = m.output_gradient(th, i), u = m.residual(th, i) * v;
    g += u / N;
    uu += u * u.transpose() / N;
    M += v * v.transpose() / N;
  }
  const double cB = ln.sampling == BatchSampling::WithReplacement ? 1.0 / B : double(N - B) / (double(B) * (N - 1));
  const double eta = ln.eta, s2 = ln.sigma * ln.sigma;
  return {th - eta * g, eta * eta * (cB * (uu - g * g.transpose()) + (s2 / noise_batch) * M)};
}
}  // namespace

TEST(LabelNoise, OneStepMomentsMatchTheClosedFormAndRejectTheWrongNoiseScale) {
  const Problem<double> pr = build_problem<double>(generate_problem("least-squares", 5, {6, 3, 0}));
  const Model<double>& m = *pr.model;
  for (const BatchSampling s : {BatchSampling::WithReplacement, BatchSampling::WithoutReplacement}) {
    const LabelNoise<double> ln{0.25, 0.5, 2, s};
    LabelNoiseMcOptions opt{RunControl(11, 1 << 16, 2)};
    const LabelNoiseMoments<double> mc = label_noise_moments(m, ln, pr.theta0, pr.theta0, opt);
    const double z = max_z(mc, label_noise_one_step(m, pr.theta0, ln, ln.batch));
    const double z_control = max_z(mc, label_noise_one_step(m, pr.theta0, ln, 2.0 * ln.batch));
    EXPECT_LT(z, 4.5) << sampling_name(s);          // 12 entries at 4.5 sigma: family-wise error < 1e-4
    EXPECT_GT(z_control, 10.0) << sampling_name(s);  // sigma^2/(2B): refuted on the same runs
  }
}

// Generic models and the fused least-squares step (N = 6: passes of four rows and of two).
TEST(LabelNoise, NoNoiseAndTheFullBatchIsGradientDescent) {
  for (const char* model : {"diag-uv", "least-squares"}) {
    const Problem<mp50> pr = build_problem<mp50>(generate_problem(model, 3, {6, 3, 0}));
    const Model<mp50>& m = *pr.model;
    LabelNoiseStep<mp50> step(m, {mp50("0.125"), mp50(0), m.num_examples(), BatchSampling::WithoutReplacement}, 1, 0);
    Vec<mp50> th = pr.theta0;
    step(th);
    const Vec<mp50> gd = pr.theta0 - mp50("0.125") * m.gradient(pr.theta0, m.all_examples());
    EXPECT_LE(to_double(mp50((th - gd).norm())), to_double(tol::ulps<mp50>(64)) * to_double(mp50(gd.norm()))) << model;
  }
}

TEST(LabelNoise, MomentsAreBitIdenticalForAnyThreadCount) {
  const Problem<double> pr = build_problem<double>(generate_problem("diag-uv", 3, {5, 3, 0}));
  const LabelNoise<double> ln{0.05, 0.1, 2, BatchSampling::WithReplacement};
  LabelNoiseMcOptions opt{RunControl(7, 300, 1), 20};
  const LabelNoiseMoments<double> one = label_noise_moments(*pr.model, ln, pr.theta0, pr.theta0, opt);
  opt.run.threads = 2;
  const LabelNoiseMoments<double> two = label_noise_moments(*pr.model, ln, pr.theta0, pr.theta0, opt);
  EXPECT_TRUE(one.mean == two.mean);
  EXPECT_TRUE(one.cov == two.cov);
}

// Least squares is linear, so label-noise SGD from an interpolating minimum is exactly the linearized process:
// its Monte Carlo covariance after t steps must meet the exact recursion M_{t+1} = T(M_t) + eta^2 (sigma^2/B) H.
TEST(LabelNoise, CovarianceAfterTStepsMatchesTheExactRecursion) {
  const Problem<double> pr = build_problem<double>(generate_problem("least-squares", 5, {4, 6, 0}));
  const Model<double>& m = *pr.model;
  const Vec<double> star = constructed_minimum<double>(m, pr.theta0, 1.0);
  const Mat<double> V = output_jacobian<double>(m, star);
  const StabilityInstance<double> in = stability_instance<double>(V);
  for (const BatchSampling s : {BatchSampling::WithReplacement, BatchSampling::WithoutReplacement}) {
    const LabelNoise<double> ln{0.5 / in.lambda_max(), 0.3, 2, s};
    LabelNoiseMcOptions opt{RunControl(5, 1 << 15, 2), 30};
    const LabelNoiseMoments<double> mc = label_noise_moments(m, ln, star, star, opt);
    auto exact = [&](double sigma) {
      return ExactMoments{star, parameter_covariance<double>(
                                    in, V, covariance_after<double>(in, ln.batch, s, ln.eta, sigma, opt.steps))};
    };
    EXPECT_LT(max_z(mc, exact(ln.sigma)), 4.5) << sampling_name(s);
    EXPECT_GT(max_z(mc, exact(ln.sigma / std::sqrt(2.0))), 10.0) << sampling_name(s);  // sigma^2/(2B): refuted
  }
}

TEST(LabelNoise, BadBatchSizesAreRefusedBeforeUse) {
  const Problem<double> pr = build_problem<double>(generate_problem("least-squares", 5, {4, 3, 0}));
  using L = LabelNoise<double>;
  EXPECT_THROW(LabelNoiseStep<double>(*pr.model, L{0.1, 0.1, 0, BatchSampling::WithReplacement}, 1, 0), std::invalid_argument);
  EXPECT_THROW(LabelNoiseStep<double>(*pr.model, L{0.1, 0.1, -5, BatchSampling::WithReplacement}, 1, 0), std::invalid_argument);
  EXPECT_THROW(LabelNoiseStep<double>(*pr.model, L{0.1, 0.1, 5, BatchSampling::WithoutReplacement}, 1, 0), std::invalid_argument);
  EXPECT_NO_THROW(LabelNoiseStep<double>(*pr.model, L{0.1, 0.1, 5, BatchSampling::WithReplacement}, 1, 0));
}

// A run is a pure function of (seed, run): restart(run) replays it; the mean path of the identity map is the moments'
// mean (another summation: equal to rounding), exact at step 0; bad options are refused.
TEST(LabelNoise, RunsReplayAndThePathIsTheMomentsMean) {
  const Problem<double> pr = build_problem<double>(generate_problem("diag-uv", 3, {5, 3, 0}));
  const Model<double>& m = *pr.model;
  const LabelNoise<double> ln{0.05, 0.2, 2, BatchSampling::WithoutReplacement};
  LabelNoiseStep<double> a(m, ln, 9, 4), b(m, ln, 9, 3);
  b.restart(4);
  Vec<double> xa = pr.theta0, xb = pr.theta0;
  for (int k = 0; k < 10; ++k) {
    a(xa);
    b(xb);
  }
  EXPECT_EQ(xa, xb);
  LabelNoiseMcOptions opt{RunControl(9, 256, 2), 7};
  const LabelNoiseMoments<double> mom = label_noise_moments(m, ln, pr.theta0, pr.theta0, opt);
  const LabelNoisePath<double> path =
      label_noise_path<double>(m, ln, pr.theta0, {0, 7}, opt, [](const Vec<double>& x) { return x; });
  ASSERT_EQ(path.mean.size(), 2u);
  EXPECT_EQ(path.runs, 256);
  EXPECT_LE((path.mean[0] - pr.theta0).norm(), tol::ulps<double>(256) * pr.theta0.norm());  // 256 equal terms summed
  EXPECT_LE(path.se[0].norm(), 1e-6 * pr.theta0.norm());  // no spread, up to the rounding of sum x^2 - n mean^2
  EXPECT_LE((path.mean[1] - mom.mean).norm(), tol::ulps<double>(1024) * mom.mean.norm());
  EXPECT_LE((path.se[1] - mom.mean_se).norm(), 1e-6 * mom.mean_se.norm());
  opt.run.samples = 1;
  EXPECT_THROW(label_noise_moments(m, ln, pr.theta0, pr.theta0, opt), std::invalid_argument);
  EXPECT_THROW(label_noise_path<double>(m, ln, pr.theta0, {3}, opt, [](const Vec<double>& x) { return x; }), std::invalid_argument);
  opt.run.samples = 16;
  EXPECT_THROW(label_noise_path<double>(m, ln, pr.theta0, {3, 1}, opt, [](const Vec<double>& x) { return x; }),
               std::invalid_argument);
  opt.from = 9;  // from after steps
  EXPECT_THROW(label_noise_moments(m, ln, pr.theta0, pr.theta0, opt), std::invalid_argument);
}
