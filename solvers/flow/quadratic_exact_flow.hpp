// Closed-form flow of x' = -m(H) g(x) for a quadratic loss with g = H x - b
// (H symmetric) and a multiplier m(lambda) = sum_k m_k lambda^k that commutes with H:
//   x(t) = x0 - V diag( m(l_i) phi(l_i m(l_i), t) ) V' g(x0),   phi(mu, t) = -expm1(-mu t) / mu  (= t at mu = 0).
// m = 1 is the gradient flow of L; m = 1 + 2 c h lambda the flow of L + c h ||g||^2.
// Exact also for singular H (phi needs no inverse). Eigendecomposition in S (theory/linalg).
#pragma once

#include "theory/linalg/decompositions.hpp"

#include "theory/linalg/dense.hpp"

#include <Eigen/Eigenvalues>
#include <vector>

namespace irverify {

template <class S>
Vec<S> quadratic_exact_flow(const Mat<S>& H, const Vec<S>& g0, const Vec<S>& x0, const S& t,
                            const std::vector<S>& multiplier = {S(1)}) {
  using std::expm1;
  using boost::multiprecision::expm1;
  const SymEigen<S> es = sym_eigen<S>(H, true);
  const Mat<S>& V = es.vectors;
  Vec<S> c = V.transpose() * g0;
  for (Eigen::Index i = 0; i < c.size(); ++i) {
    const S l = es.values(i);
    S m(0);
    for (auto it = multiplier.rbegin(); it != multiplier.rend(); ++it) m = m * l + *it;
    const S mu = l * m;
    const S phi = mu == 0 ? t : S(-expm1(-mu * t) / mu);
    c(i) *= m * phi;
  }
  return x0 - V * c;
}

}  // namespace irverify
