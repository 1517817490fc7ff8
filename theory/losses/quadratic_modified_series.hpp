// The full modified equation of GD for a quadratic loss (CLAIMS.md IGR-3), g(theta) = H theta - b:
// GD theta_{n+1} = theta_n - h g(theta_n) = (I - hH) theta_n + h b is exactly the time-h flow of
//   theta' = (1/h) log(I - hH)(theta - theta*) = -psi(hH) g(theta),  psi(x) = -log(1 - x)/x = sum_k x^k/(k+1),
// written with g so that singular H needs no theta*. Needs h lambda_max(H) < 1 (real logarithm).
// Truncating psi after K terms gives f + h f2 + ... + h^(K-1) f_K, i.e. -(H + h H^2/2 + h^2 H^3/3 + ...)(theta - theta*).
#pragma once

#include "theory/linalg/decompositions.hpp"

#include "theory/models/model.hpp"

#include <Eigen/Eigenvalues>
#include <boost/multiprecision/float128.hpp>
#include <stdexcept>

namespace irverify {

// psi(hH) by eigendecomposition in S.
template <class S> Mat<S> quadratic_series_matrix(const Mat<S>& H, const S& h) {
  using std::log1p;
  using boost::multiprecision::log1p;
  const SymEigen<S> es = sym_eigen<S>(H, true);
  Vec<S> psi(H.rows());
  for (Eigen::Index i = 0; i < psi.size(); ++i) {
    const S x = h * es.values(i);
    if (!(x < 1)) throw std::domain_error("quadratic_series_matrix: h lambda_max(H) >= 1, log(I - hH) is not real");
    psi(i) = x == 0 ? S(1) : S(-log1p(-x) / x);
  }
  return es.vectors * psi.asDiagonal() * es.vectors.transpose();
}

// -sum_{k<K} h^k H^k/(k+1) g: the modified field truncated after f_K.
template <class S> Vec<S> quadratic_truncated_field(const Mat<S>& H, const Vec<S>& g, const S& h, int K) {
  Vec<S> term = g, sum = Vec<S>::Zero(g.size());
  for (int k = 0; k < K; ++k) {
    sum += term / S(k + 1);
    term = Vec<S>(h * (H * term));
  }
  return -sum;
}

// The exact modified field -P g(theta) on a tape, P = psi(hH) (constants).
template <class S> Program<S> quadratic_exact_field(const Model<S>& m, const Mat<S>& P, const Batch& b) {
  const Program<S> grad = m.gradient_program(b);
  Program<S> p;
  const std::vector<Var<S>> x = p.make_inputs(m.dim());
  const std::vector<Var<S>> nodes = replay(*grad.tape, x);
  p.outputs.assign(m.dim(), Var<S>(S(0)));
  for (int i = 0; i < m.dim(); ++i)
    for (int j = 0; j < m.dim(); ++j) p.outputs[i] -= P(i, j) * map_output(grad.outputs[j], nodes);
  return p;
}

// Instantiated once per scalar in theory/losses/instantiate.cpp (declared extern here, so users do not compile them again).
#define IRVERIFY_QUADRATIC_SERIES_INSTANCES(PREFIX, S) \
  PREFIX template Mat<S> quadratic_series_matrix<S>(const Mat<S>&, const S&);                  \
  PREFIX template Vec<S> quadratic_truncated_field<S>(const Mat<S>&, const Vec<S>&, const S&, int); \
  PREFIX template Program<S> quadratic_exact_field<S>(const Model<S>&, const Mat<S>&, const Batch&);
#define IRVERIFY_EXTERN(S) IRVERIFY_QUADRATIC_SERIES_INSTANCES(extern, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN)
#undef IRVERIFY_EXTERN

}  // namespace irverify
