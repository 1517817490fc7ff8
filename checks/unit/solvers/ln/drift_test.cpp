// solvers/ln/drift.hpp: the closed-form gradients of the paper's R = -(1/(2 eta)) log det(I - (eta/2) H) and of tr H/4
// against central differences of R and of tr H/4 (mp50, step eps^(1/3): error <= 64 (h^2 + eps/h)); R's gradient is
// refused at eta lambda_max >= 2; the stationary drift of label-noise GD is -(eta^2/B) P grad R, and the window drift
// tends to it; grad^3 L[A] is linear in A and T[u, u] for A = u u'; the tangent projector is one.
#include "solvers/ln/drift.hpp"

#include "checks/framework/tolerance.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/stability/interpolation.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Drift, RegularizerGradientsMatchDifferences) {
  const Problem<mp50> pr = build_problem<mp50>(generate_problem("diag-uv", 3, {4, 3, 0}));
  const Model<mp50>& m = *pr.model;
  const Vec<mp50> th = pr.theta0;
  const Mat<mp50> H = m.hessian(th, m.all_examples());
  const mp50 lmax = sym_eigen<mp50>(H, false).values.maxCoeff(), eta = mp50("1.5") / lmax;
  const mp50 h = tol::central_step<mp50>(), bound = tol::central_difference_bound<mp50>();
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

TEST(Drift, GdDriftIsTheRegularizersGradientAndTheWindowTendsToIt) {
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

TEST(Drift, ThirdContractedAndTheTangentProjector) {
  const Problem<double> pr = build_problem<double>(generate_problem("diag-uv", 1, {6, 8, 0}));
  const Model<double>& m = *pr.model;
  const Vec<double> star = gauss_newton_minimum<double>(m, pr.theta0, 1e-13).theta;
  const int d = m.dim();
  Vec<double> u(d), v(d);
  for (int i = 0; i < d; ++i) u(i) = 1.0 / (i + 2), v(i) = (i % 3) - 1.0;
  // grad^3 L[u u'] = T[u, u]; linear in A.
  const Vec<double> Tuu = m.third(star, u, u, m.all_examples()), Tvv = m.third(star, v, v, m.all_examples());
  EXPECT_LE((third_contracted<double>(m, star, u * u.transpose()) - Tuu).norm(), tol::ulps<double>(1024) * (1 + Tuu.norm()));
  const Mat<double> A = 2 * u * u.transpose() - 3 * v * v.transpose();
  EXPECT_LE((third_contracted<double>(m, star, A) - (2 * Tuu - 3 * Tvv)).norm(), tol::ulps<double>(1024) * (1 + Tuu.norm() + Tvv.norm()));
  // P = I - QQ' projects on the tangent space: P^2 = P, P' = P, P v_i = 0 for the output gradients (rows of V).
  const Mat<double> V = output_jacobian<double>(m, star);
  const Mat<double> P = tangent_projector<double>(stability_instance<double>(V), V);
  EXPECT_LE((P * P - P).norm(), tol::ulps<double>(1024));
  EXPECT_LE((P - Mat<double>(P.transpose())).norm(), tol::ulps<double>(64));
  EXPECT_LE((P * V.transpose()).norm(), tol::ulps<double>(1024) * V.norm());
  EXPECT_NEAR(P.trace(), d - V.rows(), 1e-12);  // rank d - N
}
