// Interpolating minima of regression models (CLAIMS.md STAB): points with r_i = f(x_i) - y_i = 0 for every i,
// where L = (1/2N) sum r_i^2 has Hessian H = (1/N) V'V, V the N x dim matrix of rows v_i = grad_theta f(x_i).
//   output_jacobian(m, theta) = V;  residuals(m, theta) = r.
//   gauss_newton_minimum: the minimum-norm Gauss-Newton (underdetermined Newton) iteration
//     theta <- theta - t V'(V V')^{-1} r, t halved until ||r|| decreases; quadratic convergence to a point of
//     {r = 0} near theta when V has full row rank (needs N <= dim). Used to polish trained end points.
//   constructed minima (exact, no iteration):
//     least-squares: theta* = theta - X'(X X')^{-1}(X theta - y), the interpolator nearest theta;
//     diag nets: beta* = X'(X X')^{-1} y (minimum-norm interpolator), then u, v with beta(u, v) = beta*:
//       diag-uv    u = s sqrt|beta*|, v = beta*/(s sqrt|beta*|)  (s = 1: balanced |u| = |v|, else unbalanced);
//       diag-uu-vv u = sqrt(max(beta*, 0) + c), v = sqrt(max(-beta*, 0) + c), c >= 0.
#pragma once

#include "theory/linalg/decompositions.hpp"

#include "theory/models/models.hpp"


#include <stdexcept>
#include <string>

namespace irverify {

template <class S> Mat<S> output_jacobian(const Model<S>& m, const Vec<S>& th) {
  Mat<S> V(m.num_examples(), m.dim());
  for (int i = 0; i < m.num_examples(); ++i) V.row(i) = m.output_gradient(th, i).transpose();
  return V;
}

template <class S> Vec<S> residuals(const Model<S>& m, const Vec<S>& th) {
  Vec<S> r(m.num_examples());
  for (int i = 0; i < m.num_examples(); ++i) r(i) = m.residual(th, i);
  return r;
}

// The minimum-norm solution step V'(VV')^{-1} r; throws if VV' is not positive definite.
template <class S> Vec<S> min_norm_step(const Mat<S>& V, const Vec<S>& r) {
  const Mat<S> G = V * V.transpose();
  const Cholesky<S> llt(G);
  if (!llt.ok()) throw std::runtime_error("V V' is singular: the features do not have full row rank");
  return V.transpose() * llt.solve(r);
}

template <class S> struct InterpolationResult {
  Vec<S> theta;
  S residual_norm = S(0);  // ||r|| at theta
  S moved = S(0);          // ||theta - start||
  int iterations = 0;
  bool converged = false;
};

// Gauss-Newton to ||r|| <= tol; at most max_iter iterations.
template <class S>
InterpolationResult<S> gauss_newton_minimum(const Model<S>& m, const Vec<S>& start, const S& tol, int max_iter = 200) {
  InterpolationResult<S> res{start, residuals(m, start).norm(), S(0), 0, false};
  while (res.iterations < max_iter && !(res.residual_norm <= tol)) {
    const Vec<S> step = min_norm_step<S>(output_jacobian(m, res.theta), residuals(m, res.theta));
    S t(1);
    Vec<S> next;
    S rn;
    for (int k = 0; k < 60; ++k, t /= 2) {
      next = res.theta - t * step;
      rn = residuals(m, next).norm();
      if (rn < res.residual_norm) break;
    }
    if (!(rn < res.residual_norm)) break;  // no decrease: stalled at the rounding level
    res.theta = next;
    res.residual_norm = rn;
    ++res.iterations;
  }
  res.converged = res.residual_norm <= tol;
  res.moved = (res.theta - start).norm();
  return res;
}

// The minimum-norm interpolator of X beta = y.
template <class S> Vec<S> min_norm_interpolator(const Mat<S>& X, const Vec<S>& y) { return min_norm_step<S>(X, y); }

// diag-uv / diag-uu-vv / two-param with beta(theta) = beta* (see the header comment); `imbalance` is s (diag-uv,
// two-param) or c (diag-uu-vv).
template <class S> Vec<S> diag_parameters(DiagKind kind, const Vec<S>& beta, const S& imbalance) {
  using std::abs;
  using std::sqrt;
  const int p = static_cast<int>(beta.size());
  Vec<S> th(2 * p);
  for (int k = 0; k < p; ++k) {
    if (kind == DiagKind::UUVV) {
      th(k) = sqrt(S(std::max(beta(k), S(0)) + imbalance));
      th(k + p) = sqrt(S(std::max(S(-beta(k)), S(0)) + imbalance));
    } else {
      const S a = sqrt(S(abs(beta(k))));
      th(k) = imbalance * a;
      th(k + p) = a == 0 ? S(0) : S(beta(k) / (imbalance * a));
    }
  }
  return th;
}

// An exact interpolating minimum of a least-squares or diagonal-network model (see the header comment).
template <class S> Vec<S> constructed_minimum(const Model<S>& m, const Vec<S>& theta, const S& imbalance) {
  if (const auto* ls = dynamic_cast<const LeastSquares<S>*>(&m))
    return theta - min_norm_step<S>(ls->X(), residuals(m, theta));
  if (const auto* dn = dynamic_cast<const DiagNet<S>*>(&m))
    return diag_parameters<S>(dn->diag_kind(), min_norm_interpolator<S>(dn->X(), dn->y()), imbalance);
  throw std::invalid_argument(m.kind() + ": no closed-form interpolating minimum (use gauss_newton_minimum)");
}

// Instantiated once per scalar in theory/stability/instantiate.cpp (declared extern here, so users do not compile them again).
#define IRVERIFY_INTERPOLATION_INSTANCES(PREFIX, S) \
  PREFIX template Mat<S> output_jacobian<S>(const Model<S>&, const Vec<S>&);                                          \
  PREFIX template Vec<S> residuals<S>(const Model<S>&, const Vec<S>&);                                                \
  PREFIX template Vec<S> min_norm_step<S>(const Mat<S>&, const Vec<S>&);                                              \
  PREFIX template InterpolationResult<S> gauss_newton_minimum<S>(const Model<S>&, const Vec<S>&, const S&, int);      \
  PREFIX template Vec<S> diag_parameters<S>(DiagKind, const Vec<S>&, const S&);                                       \
  PREFIX template Vec<S> constructed_minimum<S>(const Model<S>&, const Vec<S>&, const S&);
#define IRVERIFY_EXTERN(S) IRVERIFY_INTERPOLATION_INSTANCES(extern, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN)
#undef IRVERIFY_EXTERN

}  // namespace irverify
