// The stability machinery (CLAIMS.md STAB): output gradients against central differences; Gauss-Newton and the
// constructed minima interpolate; the Gauss-Newton Hessian equals the model's at interpolation; the closed form of
// C against enumeration of batches; eta* three ways; GD limits; Monte Carlo growth, Lyapunov exponents and return
// fractions reproducible across threads; the Lyapunov estimate against the exact rank-one exponent.
#include "checks/framework/minimum_setup.hpp"
#include "checks/framework/tolerance.hpp"
#include "solvers/stability/linear_growth.hpp"
#include "solvers/stability/lyapunov.hpp"
#include "solvers/stability/return_fraction.hpp"
#include "solvers/stability/sgd_threshold.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
template <class S> InterpolatingMinimum<S> minimum(const std::string& kind) {
  for (const auto& s : minimum_problems())
    if (s.model == kind) return InterpolatingMinimum<S>(s);
  return InterpolatingMinimum<S>(minimum_relu_problems()[0]);
}
}  // namespace

TEST(OutputGradient, MatchesCentralDifferencesOfTheResidual) {
  for (const std::string kind : {"least-squares", "diag-uv", "diag-uu-vv", "two-layer-relu"}) {
    const ProblemSpec spec = kind == "two-layer-relu" ? minimum_relu_problems()[0] : generate_problem(kind, 3, {4, 6, 0});
    const Problem<double> pr = build_problem<double>(spec);
    const double h = tol::central_step<double>(), bound = tol::central_difference_bound<double>();
    for (int i = 0; i < pr.model->num_examples(); ++i) {
      const Vec<double> v = pr.model->output_gradient(pr.theta0, i);
      for (int k = 0; k < pr.model->dim(); ++k) {
        Vec<double> a = pr.theta0, b = pr.theta0;
        a(k) += h, b(k) -= h;
        const double fd = (pr.model->residual(a, i) - pr.model->residual(b, i)) / (2 * h);
        EXPECT_NEAR(v(k), fd, bound) << kind << " example " << i << " coordinate " << k;
      }
    }
  }
}

TEST(InterpolatingMinima, GaussNewtonAndConstructedMinimaInterpolateAndHessiansAgree) {
  using S = mp50;
  const S eps = tol::eps<S>();
  for (const std::string kind : {"least-squares", "diag-uv", "diag-uu-vv", "two-layer-relu"}) {
    const InterpolatingMinimum<S> st = minimum<S>(kind);
    EXPECT_TRUE(st.min.converged) << kind;
    const Mat<S> gn = st.V.transpose() * st.V / S(st.inst.N);
    EXPECT_LE(to_double(S((gn - st.H).norm() / st.H.norm())), to_double(S(1024 * eps))) << kind;
    // H's nonzero eigenvalues are those of the reduced instance, and (1/N) W'W = diag(lambda).
    const Mat<S> red = st.inst.W.transpose() * st.inst.W / S(st.inst.N);
    EXPECT_LE(to_double(S((red - Mat<S>(st.inst.lambda.asDiagonal())).norm())), to_double(S(1024 * eps)) * to_double(st.inst.lambda_max()));
    if (kind != "two-layer-relu") {
      const Vec<S> th = constructed_minimum<S>(st.model(), st.pr.theta0, S(1));
      EXPECT_LE(to_double(residuals<S>(st.model(), th).norm()), to_double(minimum_residual_tolerance<S>(st.model()))) << kind;
    }
  }
}

TEST(StabilityOperators, ClosedFormOfCEqualsEnumerationAndGdLimits) {
  using S = quad;
  const InterpolatingMinimum<S> st = minimum<S>("diag-uv");
  const StabilityInstance<S>& in = st.inst;
  const StabilityOperators<S> ops(in);
  // B = N without replacement is GD: C = K and eta* = 2/lambda_max.
  const S eta = eta_star_structured<S>(in, in.N, BatchSampling::WithoutReplacement);
  EXPECT_NEAR(to_double(S(eta * in.lambda_max() / 2)), 1.0, 1e-30);
  // A random symmetric M; C(M) against the mean of H_xi M H_xi over all batches (B = 2, both samplings).
  Mat<S> M(in.rank(), in.rank());
  for (int i = 0; i < in.rank(); ++i)
    for (int j = 0; j <= i; ++j) M(i, j) = M(j, i) = S(1 + i * j) / S(3 + i + j);
  for (auto s : {BatchSampling::WithReplacement, BatchSampling::WithoutReplacement}) {
    Mat<S> sum = Mat<S>::Zero(in.rank(), in.rank());
    int count = 0;
    for (int a = 0; a < in.N; ++a)
      for (int b = 0; b < in.N; ++b) {
        if (s == BatchSampling::WithoutReplacement && a >= b) continue;  // unordered pairs of distinct examples
        const Mat<S> Hx = (in.W.row(a).transpose() * in.W.row(a) + in.W.row(b).transpose() * in.W.row(b)) / S(2);
        sum += Hx * M * Hx;
        ++count;
      }
    const Mat<S> enumerated = sum / S(count);
    const Mat<S> closed = ops.basis.smat(Vec<S>(ops.C(batch_coefficients<S>(in.N, 2, s)) * ops.basis.svec(M)));
    EXPECT_LE(to_double(S((closed - enumerated).norm() / enumerated.norm())), 1e-30) << sampling_name(s);
  }
  EXPECT_THROW(batch_coefficients<S>(in.N, in.N + 1, BatchSampling::WithoutReplacement), std::invalid_argument);
  EXPECT_THROW(batch_coefficients<S>(in.N, 0, BatchSampling::WithReplacement), std::invalid_argument);
}

TEST(SgdThreshold, ThreeWaysAgree) {
  const InterpolatingMinimum<double> st = minimum<double>("least-squares");
  for (auto s : {BatchSampling::WithReplacement, BatchSampling::WithoutReplacement})
    for (int B : {1, 2, 3}) {
      const double a = eta_star_structured<double>(st.inst, B, s), b = eta_star_dense<double>(st.inst, B, s);
      const EtaBracket<double> br = eta_star_bisection<double>(st.inst, B, s, 0x1p-44);
      EXPECT_NEAR(a / b, 1.0, 1e-13) << B;
      EXPECT_LE(br.lo, a * (1 + 1e-13));
      EXPECT_GE(br.hi, a * (1 - 1e-13));
      // Necessary conditions (STAB-3).
      EXPECT_LE(a * st.inst.trace() / (2 * B), 1 + 1e-12);
    }
}

TEST(MonteCarloGrowth, ReproducibleAcrossThreadsAndAgreesWithRho) {
  const InterpolatingMinimum<double> st = minimum<double>("diag-uv");
  const StabilityOperators<double> ops(st.inst);
  const auto coef = batch_coefficients<double>(st.inst.N, 2, BatchSampling::WithReplacement);
  const double eta = 1.02 * eta_star_structured<double>(st.inst, 2, BatchSampling::WithReplacement);
  const TSpectrum<double> ts = t_spectrum<double>(ops, coef, eta, true);
  GrowthOptions o;
  o.run.samples = 1 << 14;
  o.steps = 4;
  o.run.seed = 11;
  const GrowthEstimate one = mc_growth(st.inst.W, 2, BatchSampling::WithReplacement, eta, ts.top_matrix, o);
  o.run.threads = 2;
  const GrowthEstimate two = mc_growth(st.inst.W, 2, BatchSampling::WithReplacement, eta, ts.top_matrix, o);
  EXPECT_EQ(one.log_rate, two.log_rate);
  EXPECT_EQ(one.stderr_, two.stderr_);
  EXPECT_LE(std::abs(one.log_rate - std::log(ts.rho)), 4 * one.stderr_);
  EXPECT_NEAR(ts.top, ts.rho, 1e-12);  // T preserves the PSD cone: its top eigenvalue is its spectral radius
}

TEST(LyapunovExponent, ReproducibleAcrossThreadsAndUnbiasedAfterBurnIn) {
  const InterpolatingMinimum<double> st = minimum<double>("diag-uv");
  const double eta = eta_star_structured<double>(st.inst, 1, BatchSampling::WithReplacement);
  LyapunovOptions o;
  o.run.samples = 64;
  o.burn_in = 2000;
  o.window = 4000;
  const LyapunovEstimate one = lyapunov_exponent(st.inst, 1, BatchSampling::WithReplacement, eta, o);
  o.run.threads = 2;
  const LyapunovEstimate two = lyapunov_exponent(st.inst, 1, BatchSampling::WithReplacement, eta, o);
  EXPECT_EQ(one.lambda, two.lambda);
  EXPECT_EQ(one.bias_half, two.bias_half);
  EXPECT_LT(one.lambda + 3.29 * one.stderr_, 0);  // Jensen: Lambda(eta*) <= 0, strictly here
  // Without burn-in the isotropic start biases the estimate downwards (c_0 < 0); after it, the excess is far smaller.
  EXPECT_LT(std::abs(one.bias_half), std::abs(one.bias_none));
  ASSERT_EQ(one.horizons.size(), 4u);
  EXPECT_EQ(one.horizons.back(), o.window);
}

TEST(LyapunovExponent, RankOneMonteCarloAgreesWithTheExactExponent) {
  // h in {1, 3}: Lambda(eta) = (1/2) log|(1 - eta)(1 - 3 eta)|.
  const StabilityInstance<double> in = stability_instance<double>(Mat<double>((Mat<double>(2, 1) << 1, std::sqrt(3.0)).finished()));
  for (double eta : {0.5, 1.2, 1.5}) {
    const double exact = 0.5 * std::log(std::abs((1 - eta) * (1 - 3 * eta)));
    EXPECT_NEAR(lyapunov_exact<double>(in, 1, BatchSampling::WithReplacement, eta), exact, 1e-14);
    LyapunovOptions o;
    o.run.samples = 32;
    o.burn_in = 100;
    o.window = 4000;
    const LyapunovEstimate e = lyapunov_exponent(in, 1, BatchSampling::WithReplacement, eta, o);
    EXPECT_LE(std::abs(e.lambda - exact), 3.29 * e.stderr_) << "eta = " << eta;
  }
}

TEST(ReturnFraction, ReproducibleAcrossThreadsAndRefusesARoundingLevelRadius) {
  const InterpolatingMinimum<double> st = minimum<double>("diag-uv");
  ReturnOptions o;
  o.run.samples = 8;
  o.horizon = 20000;
  const double eta = 0.9 * eta_star_structured<double>(st.inst, 1, BatchSampling::WithReplacement);
  const ReturnCounts one = return_fraction(st.model(), st.min.theta, 1, BatchSampling::WithReplacement, eta, o);
  o.run.threads = 2;
  const ReturnCounts two = return_fraction(st.model(), st.min.theta, 1, BatchSampling::WithReplacement, eta, o);
  EXPECT_EQ(one.returned, two.returned);
  EXPECT_EQ(one.mean_steps_returned, two.mean_steps_returned);
  EXPECT_EQ(one.returned, o.run.samples);  // Lambda < 0 well below eta*
  o.r0 = 1e-12;  // return radius 1e-14: within 2^20 eps of theta*'s rounding
  EXPECT_THROW(return_fraction(st.model(), st.min.theta, 1, BatchSampling::WithReplacement, eta, o), std::invalid_argument);
}
