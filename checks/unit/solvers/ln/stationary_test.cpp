// solvers/ln/stationary.hpp: the second moments of linearized label-noise SGD. The stationary covariance is the limit
// of the recursion and, for label-noise GD, Damian et al.'s eigenbasis form to rounding (mp50), not for B < N; none
// exists above the mean-square threshold; steps_to_stationary is the first step within the tolerance; the range basis
// is orthonormal and diagonalizes H; the Monte Carlo of the linearized process meets the recursion.
#include "solvers/ln/stationary.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"
#include "checks/unit/solvers/ln/moment_checks.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/stability/interpolation.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
template <class S> struct LinearizedSetting {
  Mat<S> V;
  StabilityInstance<S> in;
};
template <class S> LinearizedSetting<S> least_squares_minimum() {
  const Problem<S> pr = build_problem<S>(generate_problem("least-squares", 5, {4, 6, 0}));
  const Vec<S> star = constructed_minimum<S>(*pr.model, pr.theta0, S(1));
  const Mat<S> V = output_jacobian<S>(*pr.model, star);
  return {V, stability_instance<S>(V)};
}
}  // namespace

// The stationary second moment is the limit of the recursion; for label-noise GD (B = N without replacement) it is
// Damian et al.'s eigenbasis form to rounding (mp50), and for B < N it is not.
TEST(Stationary, CovarianceIsTheLimitAndThePaperFormForGd) {
  const StabilityInstance<mp50> in = least_squares_minimum<mp50>().in;
  const mp50 eta = mp50(1) / in.lambda_max(), sigma("0.3"), tol = tol::ulps<mp50>(1024);
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

TEST(Stationary, StepsToStationaryIsTheFirstStepWithinTheTolerance) {
  const StabilityInstance<double> in = least_squares_minimum<double>().in;
  const double eta = 0.5 / in.lambda_max(), rel = 1e-3;
  const long t = steps_to_stationary<double>(in, 2, BatchSampling::WithReplacement, eta, rel, 100000);
  ASSERT_GT(t, 1);
  const Mat<double> limit = stationary_covariance<double>(in, 2, BatchSampling::WithReplacement, eta, 1.0);
  const auto distance = [&](long k) {
    return (covariance_after<double>(in, 2, BatchSampling::WithReplacement, eta, 1.0, k) - limit).norm() / limit.norm();
  };
  EXPECT_LE(distance(t), rel);
  EXPECT_GT(distance(t - 1), rel);
  EXPECT_EQ(steps_to_stationary<double>(in, 2, BatchSampling::WithReplacement, eta, rel, t - 1), -1);
  // sigma scales the covariance by sigma^2 (exactly, for a power of two).
  EXPECT_EQ(stationary_covariance<double>(in, 2, BatchSampling::WithReplacement, eta, 2.0), Mat<double>(4 * limit));
}

template <class S> class StationaryInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(StationaryInEveryScalar, ScalarTypes);

TYPED_TEST(StationaryInEveryScalar, RangeBasisIsOrthonormalAndDiagonalizesH) {
  using S = TypeParam;
  const LinearizedSetting<S> st = least_squares_minimum<S>();
  const Mat<S> Q = range_basis<S>(st.in, st.V);
  const int r = st.in.rank();
  ASSERT_EQ(Q.cols(), r);
  EXPECT_LE(S((Q.transpose() * Q - Mat<S>::Identity(r, r)).norm()), tol::ulps<S>(1024));
  const Mat<S> H = st.V.transpose() * st.V / S(st.in.N);
  EXPECT_LE(S((Q * st.in.lambda.asDiagonal() * Q.transpose() - H).norm()), tol::ulps<S>(1024) * st.in.lambda_max());
  const Mat<S> M = Mat<S>::Identity(r, r);
  EXPECT_LE(S((parameter_covariance<S>(st.in, st.V, M) - Q * Q.transpose()).norm()), tol::ulps<S>(64));
}

TEST(Stationary, LinearizedMonteCarloMeetsTheRecursion) {
  const StabilityInstance<double> in = least_squares_minimum<double>().in;
  const LabelNoise<double> ln{0.5 / in.lambda_max(), 0.3, 2, BatchSampling::WithoutReplacement};
  const LabelNoiseMcOptions opt{RunControl(3, 1 << 14, 2), 25};
  const LabelNoiseMoments<double> mc = linearized_label_noise_moments(in, ln, opt);
  const ExactMoments exact{Vec<double>::Zero(in.rank()), covariance_after<double>(in, 2, ln.sampling, ln.eta, ln.sigma, 25)};
  EXPECT_LT(max_z(mc, exact), 4.5);  // r + r^2 entries at 4.5 sigma
  const ExactMoments control{exact.mean, covariance_after<double>(in, 2, ln.sampling, ln.eta, ln.sigma / std::sqrt(2.0), 25)};
  EXPECT_GT(max_z(mc, control), 10.0);
}
