// solvers/ln/lwa_drift.hpp on the three noise types of CLAIMS.md LWA, in every scalar: on the u v model
// (l_i = 1/2 (u v x_i - y_i)^2, Gamma = {u v = c*}) minibatch noise is Sigma = kappa H and the drift gives
// d/dt (u^2 - v^2) = -kappa m2 (u^2 - v^2); label noise Sigma = c H gives -(c/4) P grad tr H and isotropic noise
// Sigma = s^2 I gives -(s^2/4) P grad log pdet H, both against their closed forms along Gamma; the variants scale as
// named; the projection lands on Gamma and the flow is exp(-kappa m2 t). On diag-uv's zero-loss manifold (4-D) label
// noise gives -c P (grad tr H)/4 against drift.hpp's trace gradient (another contraction of grad^3 L).
#include "solvers/ln/lwa_drift.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"
#include "solvers/ln/drift.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/problem/problem_io.hpp"
#include "theory/stability/interpolation.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {

// x = (1, 2, -1, 1), y = (2, 1, -1, 2): c* = 1, m2 = 7/4, kappa m2 = mean ((x - y) x)^2 = 3/2; theta = (2, 1/2) on Gamma.
template <class S> Problem<S> uv4() {
  return build_problem<S>(parse_problem_text(R"j({"format": "irverify-problem-1", "name": "uv-4", "model": "two-param",
    "data": [["1", "2"], ["2", "1"], ["-1", "-1"], ["1", "2"]], "theta0": ["2", "0.5"]})j", "uv-4"));
}

}  // namespace

template <class S> class LwaDriftInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(LwaDriftInEveryScalar, ScalarTypes);

TYPED_TEST(LwaDriftInEveryScalar, ThreeNoiseTypesOnTheUvModel) {
  using S = TypeParam;
  using std::abs;
  using std::exp;
  using std::sqrt;
  const Problem<S> pr = uv4<S>();
  const Model<S>& m = *pr.model;
  const Vec<S> th = pr.theta0;
  const S u = th(0), v = th(1), m2 = S(7) / 4, q = S(3) / 2, r2 = u * u + v * v;
  const Mat<S> H = m.hessian(th, m.all_examples());
  const S tol = tol::ulps<S>(4096);
  // Minibatch noise is kappa H on Gamma.
  const Mat<S> Sigma = example_gradient_covariance<S>(m, th);
  EXPECT_LE(S((Sigma - (q / m2) * H).norm()), tol);
  // d/dt D = grad D . Y' = -kappa m2 D, grad D = (2u, -2v).
  auto dD = [&](const Vec<S>& y) { return S(2 * u * y(0) - 2 * v * y(1)); };
  const Vec<S> mb = lwa_drift<S>(m, th, Sigma);
  EXPECT_LE(S(abs(dD(mb) + q * (u * u - v * v))), tol);
  // Along Gamma's unit tangent w = (u, -v)/|theta|: tr H = m2 |theta|^2 and pdet H = m2 |theta|^2 change at rates
  // w . grad tr H = 2 m2 (u^2 - v^2)/|theta| and w . grad log pdet H = 2 (u^2 - v^2)/|theta|^3.
  const Vec<S> w = Vec<S>((Vec<S>(2) << u, -v).finished() / sqrt(r2));
  const S c = S(3) / 10, s2 = S(2) / 5;
  const Vec<S> ln = lwa_drift<S>(m, th, Mat<S>(c * H));
  EXPECT_LE(S(abs(w.dot(ln) + (c / 4) * 2 * m2 * (u * u - v * v) / sqrt(r2))), tol);
  EXPECT_LE(S((ln - w * w.dot(ln)).norm()), tol);  // tangent
  const Vec<S> iso = lwa_drift<S>(m, th, Mat<S>(s2 * Mat<S>::Identity(2, 2)));
  EXPECT_LE(S(abs(w.dot(iso) + (s2 / 4) * 2 * (u * u - v * v) / (r2 * sqrt(r2)))), tol);
  // The variants.
  EXPECT_LE(S((lwa_drift<S>(m, th, Sigma, LwaDrift::doubled) - 2 * mb).norm()), tol);
  EXPECT_EQ(lwa_drift<S>(m, th, Sigma, LwaDrift::none).norm(), S(0));
  const S mu = H.trace();  // the one normal eigenvalue: without the inverse the drift is 2 mu times the derived one
  EXPECT_LE(S((lwa_drift<S>(m, th, Sigma, LwaDrift::no_inverse) - 2 * mu * mb).norm()), tol * mu);
  // Projection from off Gamma, and the flow.
  const Vec<S> off = Vec<S>((Vec<S>(2) << S(2), S(3) / 5).finished());
  const Vec<S> p = project_on_minima<S>(m, off, 1, tol);
  EXPECT_LE(S(abs(p(0) * p(1) - 1)), tol);
  const S t = S(1) / 2;
  const Vec<S> y = lwa_flow<S>(m, th, t, 64, LwaDrift::derived, tol);
  EXPECT_LE(S(abs((y(0) * y(0) - y(1) * y(1)) / (u * u - v * v) - exp(-q * t))), S(1e-9));  // RK4, 64 steps of q dt = 1/85: 4e-11
}

TEST(LwaDrift, LabelNoiseOnAZeroLossManifoldIsTheTraceGradient) {
  const Problem<double> pr = build_problem<double>(generate_problem("diag-uv", 1, {6, 8, 0}));
  const Model<double>& m = *pr.model;
  const Vec<double> star = gauss_newton_minimum<double>(m, pr.theta0, 1e-13).theta;
  const Mat<double> H = m.hessian(star, m.all_examples());
  const ManifoldSplit<double> s = manifold_split<double>(H);
  const double c = 0.7;
  const Vec<double> d = lwa_drift<double>(m, star, Mat<double>(c * H));
  const Vec<double> expect = -c * (s.P * trace_regularizer_gradient<double>(m, star));
  EXPECT_LE((d - expect).norm(), 1e-10 * std::max(1.0, expect.norm()));
  EXPECT_GT(expect.norm(), 1e-3);  // not vacuous
  EXPECT_THROW(manifold_split<double>(Mat<double>::Zero(3, 3)), std::domain_error);
}
