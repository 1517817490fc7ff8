// theory/stability/interpolation.hpp in every scalar: the output Jacobian and residuals of a regression model; the
// minimum-norm step solves V step = r in the row space of V (refused when V V' is singular); Gauss-Newton converges to
// an interpolating point; the constructed minima interpolate exactly: least squares the interpolator nearest theta,
// diagonal nets with beta(theta*) the minimum-norm interpolator (balanced for s = 1); other models are refused.
#include "theory/stability/interpolation.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class InterpolationInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(InterpolationInEveryScalar, ScalarTypes);

TYPED_TEST(InterpolationInEveryScalar, MinNormStepSolvesInTheRowSpace) {
  using S = TypeParam;
  const Problem<S> pr = build_problem<S>(generate_problem("diag-uv", 2, {4, 5, 0}));
  const Model<S>& m = *pr.model;
  const Mat<S> V = output_jacobian(m, pr.theta0);
  const Vec<S> r = residuals(m, pr.theta0);
  ASSERT_EQ(V.rows(), 4);
  ASSERT_EQ(V.cols(), 10);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Vec<S>(V.row(i).transpose()), m.output_gradient(pr.theta0, i));
    EXPECT_EQ(r(i), m.residual(pr.theta0, i));
  }
  const Vec<S> step = min_norm_step<S>(V, r);
  EXPECT_LE(S((V * step - r).norm()), tol::ulps<S>(1024) * S(V.norm()) * S(step.norm()));
  // In the row space: the projection on V's null space vanishes (V'(VV')^-1 V step = step).
  const Vec<S> back = min_norm_step<S>(V, Vec<S>(V * step));
  EXPECT_LE(S((back - step).norm()), tol::ulps<S>(1024) * S(step.norm()));
  Mat<S> twice(2, 3);
  twice << S(1), S(2), S(3), S(2), S(4), S(6);  // rank one
  EXPECT_THROW(min_norm_step<S>(twice, Vec<S>(Vec<S>::Ones(2))), std::runtime_error);
}

TYPED_TEST(InterpolationInEveryScalar, GaussNewtonAndConstructedMinimaInterpolate) {
  using S = TypeParam;
  const S tol = tol::ulps<S>(1024);
  for (const char* kind : {"least-squares", "diag-uv", "diag-uu-vv", "two-layer-tanh"}) {
    const Problem<S> pr = build_problem<S>(generate_problem(kind, 2, {4, 6, 3}));
    const Model<S>& m = *pr.model;
    const InterpolationResult<S> gn = gauss_newton_minimum<S>(m, pr.theta0, tol);
    EXPECT_TRUE(gn.converged) << kind;
    EXPECT_LE(gn.residual_norm, tol) << kind;
    EXPECT_LT(gn.iterations, 30) << kind;  // quadratic convergence
    EXPECT_EQ(gn.moved, S((gn.theta - pr.theta0).norm()));
    EXPECT_LE(S(residuals(m, gn.theta).norm()), tol) << kind;
  }
  // Least squares: theta* - theta0 lies in the row space of X (the nearest interpolator).
  const Problem<S> ls = build_problem<S>(generate_problem("least-squares", 2, {4, 6, 0}));
  const auto& lsm = dynamic_cast<const LeastSquares<S>&>(*ls.model);
  const Vec<S> star = constructed_minimum<S>(lsm, ls.theta0, S(1));
  EXPECT_LE(S(residuals<S>(lsm, star).norm()), tol);
  const Vec<S> move = star - ls.theta0;
  EXPECT_LE(S((min_norm_step<S>(lsm.X(), Vec<S>(lsm.X() * move)) - move).norm()), tol * S(move.norm()));
  // Diagonal nets: beta(theta*) is the minimum-norm interpolator; s = 1 balances |u| = |v|, s = 2 does not.
  const Problem<S> dn = build_problem<S>(generate_problem("diag-uv", 2, {4, 6, 0}));
  const auto& dnm = dynamic_cast<const DiagNet<S>&>(*dn.model);
  const Vec<S> beta = min_norm_interpolator<S>(dnm.X(), dnm.y());
  for (const S& s : {S(1), S(2)}) {
    const Vec<S> th = constructed_minimum<S>(dnm, dn.theta0, s);
    EXPECT_LE(S((dnm.beta(th) - beta).norm()), tol * std::max(S(1), S(beta.norm())));
    EXPECT_LE(S(residuals<S>(dnm, th).norm()), tol);
    const S imbalance = S((th.head(6).cwiseAbs() - th.tail(6).cwiseAbs()).norm());
    if (s == 1) EXPECT_LE(imbalance, tol);
    else EXPECT_GT(imbalance, S(1) / 100);
  }
  // diag-uu-vv with c: u^2 - v^2 = beta and min(u^2, v^2) = c.
  const Vec<S> uv = diag_parameters<S>(DiagKind::UUVV, beta, S(1) / 4);
  EXPECT_LE(S((Vec<S>(uv.head(6).cwiseProduct(uv.head(6)) - uv.tail(6).cwiseProduct(uv.tail(6))) - beta).norm()), tol);
  const Problem<S> tl = build_problem<S>(generate_problem("two-layer-tanh", 2));
  EXPECT_THROW(constructed_minimum<S>(*tl.model, tl.theta0, S(1)), std::invalid_argument);
}
