// solvers/ln/label_noise: one label-noise step on least squares has exactly known moments, mean theta0 - eta g and
// covariance eta^2 (c_B Sigma_u + (sigma^2/B) M) (Sigma_u: covariance of u_i = r_i v_i over a uniform example;
// M = (1/N) sum v_i v_i'; c_B = 1/B with replacement, (N-B)/(B(N-1)) without); Monte Carlo over 2^16 runs must
// meet them within 4.5 standard errors, and must reject the noise term with B replaced by 2B. With sigma = 0 and
// B = N without replacement a step is a GD step. Moments are bit-identical for any thread count.
#include "solvers/stats/confidence.hpp"
#include "solvers/ln/label_noise.hpp"
#include "checks/ln/ln3_end_point.hpp"
#include "solvers/ln/drift.hpp"
#include "solvers/ln/manifold_flow.hpp"
#include "solvers/lp/weighted_l1.hpp"
#include "solvers/ln/stationary.hpp"
#include "theory/stability/interpolation.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <gtest/gtest.h>

#include <set>

using namespace irverify;

namespace {

struct Exact {
  Vec<double> mean;
  Mat<double> cov;
};

// The moments of theta1 after one step from theta0; noise_batch is the B in sigma^2/B (the control doubles it).
Exact one_step(const Model<double>& m, const Vec<double>& th, const LabelNoise<double>& ln, double noise_batch) {
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

// Largest |z| of the Monte Carlo moments against `e`.
double max_z(const LabelNoiseMoments<double>& mc, const Exact& e) {
  double z = 0;
  for (Eigen::Index i = 0; i < e.mean.size(); ++i) {
    z = std::max(z, std::abs(mc.mean(i) - e.mean(i)) / mc.mean_se(i));
    for (Eigen::Index j = 0; j < e.mean.size(); ++j) z = std::max(z, std::abs(mc.cov(i, j) - e.cov(i, j)) / mc.cov_se(i, j));
  }
  return z;
}

}  // namespace

TEST(LabelNoise, OneStepMomentsMatchTheClosedFormAndRejectTheWrongNoiseScale) {
  const Problem<double> pr = build_problem<double>(generate_problem("least-squares", 5, {6, 3, 0}));
  const Model<double>& m = *pr.model;
  for (const BatchSampling s : {BatchSampling::WithReplacement, BatchSampling::WithoutReplacement}) {
    const LabelNoise<double> ln{0.25, 0.5, 2, s};
    LabelNoiseMcOptions opt{{11, 1 << 16, 2}};
    const LabelNoiseMoments<double> mc = label_noise_moments(m, ln, pr.theta0, pr.theta0, opt);
    const double z = max_z(mc, one_step(m, pr.theta0, ln, ln.batch));
    const double z_control = max_z(mc, one_step(m, pr.theta0, ln, 2.0 * ln.batch));
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
    EXPECT_LE(to_double(mp50((th - gd).norm())), 64 * to_double(eps<mp50>()) * to_double(mp50(gd.norm()))) << model;
  }
}

TEST(LabelNoise, MomentsAreBitIdenticalForAnyThreadCount) {
  const Problem<double> pr = build_problem<double>(generate_problem("diag-uv", 3, {5, 3, 0}));
  const LabelNoise<double> ln{0.05, 0.1, 2, BatchSampling::WithReplacement};
  LabelNoiseMcOptions opt{{7, 300, 1}, 20};
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
    LabelNoiseMcOptions opt{{5, 1 << 15, 2}, 30};
    const LabelNoiseMoments<double> mc = label_noise_moments(m, ln, star, star, opt);
    auto exact = [&](double sigma) {
      return Exact{star, parameter_covariance<double>(
                             in, V, covariance_after<double>(in, ln.batch, s, ln.eta, sigma, opt.steps))};
    };
    EXPECT_LT(max_z(mc, exact(ln.sigma)), 4.5) << sampling_name(s);
    EXPECT_GT(max_z(mc, exact(ln.sigma / std::sqrt(2.0))), 10.0) << sampling_name(s);  // sigma^2/(2B): refuted
  }
}

// The stationary second moment is the limit of the recursion; for label-noise GD (B = N without replacement) it is
// Damian et al.'s eigenbasis form to rounding (mp50), and for B < N it is not.
TEST(LabelNoise, StationaryCovarianceIsTheLimitAndThePaperFormForGd) {
  const Problem<mp50> pr = build_problem<mp50>(generate_problem("least-squares", 5, {4, 6, 0}));
  const Vec<mp50> star = constructed_minimum<mp50>(*pr.model, pr.theta0, mp50(1));
  const StabilityInstance<mp50> in = stability_instance<mp50>(output_jacobian<mp50>(*pr.model, star));
  const mp50 eta = mp50(1) / in.lambda_max(), sigma("0.3"), tol = 1024 * eps<mp50>();
  const Mat<mp50> gd = stationary_covariance<mp50>(in, in.N, BatchSampling::WithoutReplacement, eta, sigma);
  const Mat<mp50> paper = paper_covariance<mp50>(in, in.N, eta, sigma);
  EXPECT_LE(to_double(mp50((gd - paper).norm() / paper.norm())), to_double(tol));
  const Mat<mp50> sgd = stationary_covariance<mp50>(in, 1, BatchSampling::WithReplacement, mp50(eta / 4), sigma);
  const Mat<mp50> sgd_paper = paper_covariance<mp50>(in, 1, mp50(eta / 4), sigma);
  EXPECT_GT(to_double(mp50((sgd - sgd_paper).norm() / sgd_paper.norm())), 1e-3);
  const Mat<mp50> far = covariance_after<mp50>(in, 1, BatchSampling::WithReplacement, mp50(eta / 4), sigma, 20000);
  EXPECT_LE(to_double(mp50((far - sgd).norm() / sgd.norm())), 1e-20);
  // Above the mean-square threshold there is no stationary second moment.
  EXPECT_THROW(stationary_covariance<mp50>(in, 1, BatchSampling::WithReplacement, mp50(4 / in.trace()), sigma),
               std::domain_error);
}

TEST(LabelNoise, BadBatchSizesAreRefusedBeforeUse) {
  const Problem<double> pr = build_problem<double>(generate_problem("least-squares", 5, {4, 3, 0}));
  using L = LabelNoise<double>;
  EXPECT_THROW(LabelNoiseStep<double>(*pr.model, L{0.1, 0.1, 0, BatchSampling::WithReplacement}, 1, 0), std::invalid_argument);
  EXPECT_THROW(LabelNoiseStep<double>(*pr.model, L{0.1, 0.1, -5, BatchSampling::WithReplacement}, 1, 0), std::invalid_argument);
  EXPECT_THROW(LabelNoiseStep<double>(*pr.model, L{0.1, 0.1, 5, BatchSampling::WithoutReplacement}, 1, 0), std::invalid_argument);
  EXPECT_NO_THROW(LabelNoiseStep<double>(*pr.model, L{0.1, 0.1, 5, BatchSampling::WithReplacement}, 1, 0));
}

// solvers/ln/drift: the closed-form gradients of the paper's R = -(1/(2 eta)) log det(I - (eta/2) H) and of tr H/4
// against central differences of R and of tr H/4 (mp50, step eps^(1/3): error <= 64 (h^2 + eps/h)); and the
// stationary drift of label-noise GD is -(eta^2/B) P grad R.
TEST(LabelNoise, RegularizerGradientsMatchDifferences) {
  const Problem<mp50> pr = build_problem<mp50>(generate_problem("diag-uv", 3, {4, 3, 0}));
  const Model<mp50>& m = *pr.model;
  const Vec<mp50> th = pr.theta0;
  const Mat<mp50> H = m.hessian(th, m.all_examples());
  const mp50 lmax = sym_eigen<mp50>(H, false).values.maxCoeff(), eta = mp50("1.5") / lmax;
  const mp50 h = cbrt(eps<mp50>()), bound = 64 * (h * h + eps<mp50>() / h);
  const Vec<mp50> gR = log_regularizer_gradient<mp50>(m, th, eta), gT = trace_regularizer_gradient<mp50>(m, th);
  for (int j = 0; j < m.dim(); ++j) {
    Vec<mp50> p = th, q = th;
    p(j) += h;
    q(j) -= h;
    const mp50 dR = (log_regularizer<mp50>(m, p, eta) - log_regularizer<mp50>(m, q, eta)) / (2 * h);
    const mp50 dT = (m.hessian(p, m.all_examples()).trace() - m.hessian(q, m.all_examples()).trace()) / (8 * h);
    EXPECT_LE(to_double(mp50(abs(dR - gR(j)))), to_double(bound)) << j;
    EXPECT_LE(to_double(mp50(abs(dT - gT(j)))), to_double(bound)) << j;
  }
  EXPECT_THROW(log_regularizer_gradient<mp50>(m, th, mp50(3 / lmax)), std::domain_error);
}

TEST(LabelNoise, GdDriftIsTheRegularizersGradientAndTheWindowTendsToIt) {
  const Problem<mp50> pr = build_problem<mp50>(generate_problem("diag-uv", 1, {6, 8, 0}));
  const Model<mp50>& m = *pr.model;
  const Vec<mp50> star = gauss_newton_minimum<mp50>(m, pr.theta0, mp50(1e-40)).theta;
  const Mat<mp50> V = output_jacobian<mp50>(m, star);
  const StabilityInstance<mp50> in = stability_instance<mp50>(V);
  const mp50 eta = mp50(1) / in.lambda_max();
  const BatchScheme gd{in.N, BatchSampling::WithoutReplacement};
  const Vec<mp50> d = stationary_drift<mp50>(m, star, in, V, gd, eta);
  const Vec<mp50> paper = -(eta * eta / mp50(in.N)) * (tangent_projector<mp50>(in, V) * log_regularizer_gradient<mp50>(m, star, eta));
  EXPECT_LE(to_double(mp50((d - paper).norm() / d.norm())), 1e-45);
  // Far from the start the window average is the stationary drift (the transient decays like rho(T)^a).
  const Vec<mp50> w = window_drift<mp50>(m, star, in, V, gd, eta, 4000, 4001);
  EXPECT_LE(to_double(mp50((w - d).norm() / d.norm())), 1e-30);
}

// solvers/lp: min |b1| + |b2| + |b3| subject to b1 + b2 = 1, b2 + b3 = 1 is b = (0, 1, 0), refined to rounding in mp50.
TEST(LabelNoise, WeightedL1VertexIsRefinedInTheWorkingPrecision) {
  Mat<mp50> X(2, 3);
  X << 1, 1, 0, 0, 1, 1;
  const Vec<mp50> y = Vec<mp50>::Ones(2), w = Vec<mp50>::Ones(3);
  const WeightedL1<mp50> r = min_weighted_l1<mp50>(X, y, w);
  ASSERT_EQ(r.support, std::vector<int>({1}));
  EXPECT_EQ(r.beta(1), mp50(1));
  EXPECT_EQ(r.objective, mp50(1));
  EXPECT_THROW(min_weighted_l1<mp50>(Mat<mp50>::Zero(2, 3), y, w), std::runtime_error);  // infeasible
}

// solvers/ln/manifold_flow: the field is tangent to the manifold, and on two-param (u v = 1) the flow of tr H/4
// ends at the balanced point (1, 1), where tr H = u^2 + v^2 is smallest.
TEST(LabelNoise, RegularizerFlowIsTangentAndBalancesTwoParam) {
  const ProblemSpec s = ln3_problems()[0];  // u v = 1 from (2, 1/2)
  const Problem<mp50> pr = build_problem<mp50>(s);
  const Model<mp50>& m = *pr.model;
  const Vec<mp50> f = regularizer_field<mp50>(m, pr.theta0, mp50(0));
  EXPECT_LE(to_double(mp50(abs(output_jacobian<mp50>(m, pr.theta0).row(0).dot(f)))), 1e-45);
  Vec<double> th0(2);
  th0 << 2, 0.5;
  const std::vector<Vec<double>> end = regularizer_flow<double>(*build_problem<double>(s).model, th0, 0.0, {40.0}, 0.01, 1e-14);
  EXPECT_NEAR(end[0](0), 1.0, 1e-12);  // the approach is exponential: 2e-9 at t = 20
  EXPECT_NEAR(end[0](1), 1.0, 1e-12);
}

// theory/random: CounterStream::bounded_batch (Lemire's multiply-shift with rejection, several draws to a word), the
// label-noise batch draw. Chi-square tests at the 99.9% point (Boost.Math): single draws on 6 cells, and the joint
// law of batches (6, 5, 4) from one word on 120 cells (independence and uniformity at once), 60,000 draws each. It
// stays in range for n = 1 and for n = 2^31 + 1, where about half the words are rejected, and a batch whose product
// is 2^32 (no rejection) splits a word into its bits.
namespace {
template <class Draw> double chi_square(int cells, long draws, Draw draw) {
  std::vector<long> count(cells, 0);
  for (long k = 0; k < draws; ++k) ++count[draw()];
  const double e = double(draws) / cells;
  double chi2 = 0;
  for (long c : count) chi2 += (c - e) * (c - e) / e;
  return chi2;
}
double chi2_999(int df) { return boost::math::quantile(boost::math::chi_squared(df), 0.999); }
}  // namespace

TEST(LabelNoise, BoundedDrawIsUniform) {
  CounterStream rng(5, 0, kLabelNoiseDomain);
  std::uint32_t x[3];
  const std::uint32_t six = 6, n3[3] = {6, 5, 4};
  EXPECT_LT(chi_square(6, 60000, [&] { return rng.bounded_batch(&six, 1, 6, x), int(x[0]); }), chi2_999(5));
  EXPECT_LT(chi_square(120, 60000, [&] { return rng.bounded_batch(n3, 3, 120, x), int(x[0] * 20 + x[1] * 4 + x[2]); }),
            chi2_999(119));
  const std::uint32_t one = 1;
  for (int k = 0; k < 100; ++k) EXPECT_EQ((rng.bounded_batch(&one, 1, 1, x), x[0]), 0u);
  const std::uint32_t big = (1u << 31) + 1;
  long upper = 0;
  for (int k = 0; k < 4000; ++k) {
    rng.bounded_batch(&big, 1, big, x);
    ASSERT_LT(x[0], big);
    upper += x[0] >= big / 2;
  }
  EXPECT_NEAR(upper / 4000.0, 0.5, 4 * 0.5 / std::sqrt(4000.0));
  const std::uint32_t bits[4] = {256, 256, 256, 256};  // P = 2^32: the digits are the word's bytes, high first
  CounterStream a(5, 1, kLabelNoiseDomain), b(5, 1, kLabelNoiseDomain);
  std::uint32_t y[4];
  a.bounded_batch(bits, 4, std::uint64_t{1} << 32, y);
  const std::uint32_t w = b.next_u32();
  for (int j = 0; j < 4; ++j) EXPECT_EQ(y[j], (w >> (24 - 8 * j)) & 0xffu);
}

// solvers/sgd/batch_sampler: without replacement a batch holds B distinct indices below N and every index is equally
// likely to be in it (B/N; 99.9% family-wise over N indices); the full batch is 0..N-1 with nothing drawn; a bad B is
// refused.
TEST(BatchSampler, SubsetsAreDistinctAndUniformTheFullBatchIsFixed) {
  const int N = 7, B = 3;
  const long draws = 70000;
  BatchSampler s(N, B, BatchSampling::WithoutReplacement);
  CounterStream rng(9, 0, kLabelNoiseDomain);
  std::vector<long> count(N, 0);
  for (long k = 0; k < draws; ++k) {
    const std::vector<std::uint32_t>& b = s.draw(rng);
    ASSERT_EQ(std::set<std::uint32_t>(b.begin(), b.end()).size(), std::size_t(B));
    for (std::uint32_t i : b) ++count[i];
  }
  const double p = double(B) / N, sd = std::sqrt(draws * p * (1 - p));
  for (long c : count) EXPECT_LT(std::abs(c - draws * p) / sd, bonferroni_z999(N));
  BatchSampler full(N, N, BatchSampling::WithoutReplacement);
  CounterStream untouched(9, 0, kLabelNoiseDomain), fresh(9, 0, kLabelNoiseDomain);
  EXPECT_EQ(full.draw(untouched), std::vector<std::uint32_t>({0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(untouched.next_u32(), fresh.next_u32());
  EXPECT_THROW(BatchSampler(N, 0, BatchSampling::WithReplacement), std::invalid_argument);
  EXPECT_THROW(BatchSampler(N, N + 1, BatchSampling::WithoutReplacement), std::invalid_argument);
}
