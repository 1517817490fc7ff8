// solvers/sde/ls_moments.hpp: SGD's moment recursion equals the enumeration of every batch sequence (two steps, with
// and without replacement, quad); the SME moment equations, integrated by their Taylor series, equal an independent
// Kronecker-product form of the same linear ODE solved by Eigen's matrix exponential (double, every variant); with
// c_B = 0 (the full batch) both stay deterministic (P = m m') and the mean follows the closed-form flow.
#include "solvers/sde/ls_moments.hpp"

#include "checks/unit/scalar_types.hpp"
#include "solvers/flow/quadratic_exact_flow.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>
#include <unsupported/Eigen/KroneckerProduct>
#include <unsupported/Eigen/MatrixFunctions>

#include <functional>

using namespace irverify;

namespace {

template <class S> LeastSquares<S> ls_problem(int n, int d, std::uint64_t seed) {
  const Problem<S> p = build_problem<S>(generate_problem("least-squares", seed, {n, d, 0}));
  return dynamic_cast<const LeastSquares<S>&>(*p.model);
}

// The equally likely batches of one step: all N^B ordered draws (with replacement) or all B-subsets.
std::vector<std::vector<int>> batches(int N, int B, BatchSampling s) {
  std::vector<std::vector<int>> out;
  std::vector<int> b(B, 0);
  const std::function<void(int, int)> rec = [&](int j, int from) {
    if (j == B) {
      out.push_back(b);
      return;
    }
    for (int i = s == BatchSampling::WithReplacement ? 0 : from; i < N; ++i) {
      b[j] = i;
      rec(j + 1, i + 1);
    }
  };
  rec(0, 0);
  return out;
}

}  // namespace

TEST(LsMoments, SgdRecursionIsTheEnumerationOfEveryBatchSequence) {
  const LeastSquares<quad> ls = ls_problem<quad>(5, 3, 2);
  const Vec<quad> x0 = Vec<quad>::LinSpaced(3, quad(1) / 2, quad(-1));
  const quad eta = quad(1) / 8;
  for (const BatchScheme bs : {BatchScheme{1, BatchSampling::WithReplacement}, BatchScheme{2, BatchSampling::WithReplacement},
                               BatchScheme{2, BatchSampling::WithoutReplacement}}) {
    const auto all = batches(5, bs.B, bs.sampling);
    const quad w = quad(1) / quad(all.size() * all.size());  // two steps
    Vec<quad> m = Vec<quad>::Zero(3);
    Mat<quad> P = Mat<quad>::Zero(3, 3);
    for (const auto& b1 : all)
      for (const auto& b2 : all) {
        Vec<quad> x = x0;
        for (const auto* b : {&b1, &b2}) x -= eta * ls.gradient(x, Batch(b->begin(), b->end()));
        m += w * x;
        P += w * x * x.transpose();
      }
    const SecondMoments<quad> z = sgd_moments<quad>(ls_moment_data<quad>(ls, bs.B, bs.sampling), eta, 2, point_moments<quad>(x0));
    EXPECT_LE((z.m - m).norm(), 1e-30) << bs.B;
    EXPECT_LE((z.P - P).norm(), 1e-30) << bs.B;
  }
}

TEST(LsMoments, SmeMomentsEqualAKroneckerMatrixExponential) {
  using M = Eigen::MatrixXd;
  using V = Eigen::VectorXd;
  const LeastSquares<double> ls = ls_problem<double>(6, 3, 4);
  const LsMomentData<double> d = ls_moment_data<double>(ls, 2, BatchSampling::WithReplacement);
  const int n = 3, n2 = 9;
  const V x0 = V::LinSpaced(3, 0.3, -0.7);
  const double eta = 0.125, T = 0.75;
  const M I = M::Identity(n, n);
  for (const SmeVariant<double> v : {SmeVariant<double>{0, 1, false}, SmeVariant<double>{0.5, 1, false}, SmeVariant<double>{1, 1, false},
                                     SmeVariant<double>{0.5, 2, false}, SmeVariant<double>{0.5, 1, true}}) {
    const M At = d.A + v.drift * eta * d.A * d.A;
    const V bt = d.b + v.drift * eta * d.A * d.b;
    // z = (m, vec P, 1): z' = K z.
    M K = M::Zero(n + n2 + 1, n + n2 + 1);
    K.block(0, 0, n, n) = -At;
    K.block(0, n + n2, n, 1) = bt;
    K.block(n, n, n2, n2) = -(Eigen::kroneckerProduct(I, At) + Eigen::kroneckerProduct(At, I));
    K.block(n, 0, n2, n) = Eigen::kroneckerProduct(bt, I) + Eigen::kroneckerProduct(I, bt);
    // eta d c_B [(1/N) sum rho_i a_i a_i' - s G], s = 0 for the uncentered control.
    const double w = eta * v.diffusion * d.cB, s = v.uncentered ? 0.0 : 1.0;
    for (int i = 0; i < 6; ++i) {
      const V a = d.X.row(i).transpose();
      const M aa = a * a.transpose();
      const V va = Eigen::Map<const V>(aa.data(), n2);
      K.block(n, n, n2, n2) += (w / 6) * va * va.transpose();
      K.block(n, 0, n2, n) += (w / 6) * (-2 * d.y(i)) * va * a.transpose();
      K.block(n, n + n2, n2, 1) += (w / 6) * d.y(i) * d.y(i) * va;
    }
    const M bb = d.b * d.b.transpose();
    K.block(n, n, n2, n2) -= w * s * Eigen::kroneckerProduct(d.A, d.A);
    K.block(n, 0, n2, n) += w * s * (Eigen::kroneckerProduct(d.b, d.A) + Eigen::kroneckerProduct(d.A, d.b));
    K.block(n, n + n2, n2, 1) -= w * s * Eigen::Map<const V>(bb.data(), n2);
    V z0(n + n2 + 1);
    const M P0 = x0 * x0.transpose();
    z0 << x0, Eigen::Map<const V>(P0.data(), n2), 1;
    const V zT = (K * T).exp() * z0;
    const SecondMoments<double> got = sme_moments<double>(d, eta, v, T, point_moments<double>(x0));
    EXPECT_LE((got.m - zT.head(n)).norm(), 1e-12) << v.drift << " " << v.diffusion << " " << v.uncentered;
    EXPECT_LE((Eigen::Map<const V>(got.P.data(), n2) - zT.segment(n, n2)).norm(), 1e-12) << v.drift << " " << v.diffusion;
  }
}

TEST(LsMoments, FullBatchIsDeterministicAndFollowsTheClosedFormFlow) {
  const LeastSquares<mp50> ls = ls_problem<mp50>(4, 2, 7);
  const LsMomentData<mp50> d = ls_moment_data<mp50>(ls, 4, BatchSampling::WithoutReplacement);
  ASSERT_EQ(d.cB, mp50(0));
  const Vec<mp50> x0 = Vec<mp50>::Constant(2, mp50(1) / 3);
  const mp50 eta = mp50(1) / 16, T = mp50(3) / 4, tol = mp50("1e-45");
  const SecondMoments<mp50> g = sgd_moments<mp50>(d, eta, 12, point_moments<mp50>(x0));
  EXPECT_LE(mp50((g.P - g.m * g.m.transpose()).norm()), tol);
  for (const mp50& c : {mp50(0), mp50(1) / 2}) {
    const SecondMoments<mp50> z = sme_moments<mp50>(d, eta, {c, mp50(1), false}, T, point_moments<mp50>(x0));
    EXPECT_LE(mp50((z.P - z.m * z.m.transpose()).norm()), tol);
    const Vec<mp50> exact = quadratic_exact_flow<mp50>(d.A, Vec<mp50>(d.A * x0 - d.b), x0, T, {mp50(1), c * eta});
    EXPECT_LE(mp50((z.m - exact).norm()), tol) << c;
  }
  EXPECT_THROW(sme_moments<mp50>(d, eta, {}, mp50(-1), point_moments<mp50>(x0)), std::invalid_argument);
  EXPECT_THROW(sgd_moments<mp50>(d, eta, -1, point_moments<mp50>(x0)), std::invalid_argument);
}
