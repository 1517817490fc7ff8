#include "solvers/ln/stationary.hpp"

#include "theory/linalg/decompositions.hpp"

#include <stdexcept>

namespace irverify {

namespace {
// svec of the noise term eta^2 (sigma^2/B) H = eta^2 (sigma^2/B) diag(lambda).
template <class S> Vec<S> noise_term(const StabilityInstance<S>& in, const SymBasis& basis, int B, const S& eta, const S& sigma) {
  Mat<S> Hn = Mat<S>::Zero(in.rank(), in.rank());
  Hn.diagonal() = in.lambda * (eta * eta * sigma * sigma / S(B));
  return basis.template svec<S>(Hn);
}
}  // namespace

template <class S>
Mat<S> covariance_after(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta, const S& sigma, long t) {
  const StabilityOperators<S> ops(in);
  const Mat<S> T = ops.T(batch_coefficients<S>(in.N, B, s), eta);
  const Vec<S> c = noise_term(in, ops.basis, B, eta, sigma);
  Vec<S> m = Vec<S>::Zero(ops.basis.size());
  for (long k = 0; k < t; ++k) m = T * m + c;
  return ops.basis.template smat<S>(m);
}

template <class S>
Mat<S> stationary_covariance(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta, const S& sigma) {
  const StabilityOperators<S> ops(in);
  Mat<S> ImT = -ops.T(batch_coefficients<S>(in.N, B, s), eta);
  ImT.diagonal().array() += S(1);
  const Cholesky<S> chol(ImT);
  if (!chol.ok())
    throw std::domain_error("stationary_covariance: I - T is not positive definite (eta at or above eta*): no "
                            "stationary second moment");
  return ops.basis.template smat<S>(chol.solve(noise_term(in, ops.basis, B, eta, sigma)));
}

template <class S> Mat<S> paper_covariance(const StabilityInstance<S>& in, int B, const S& eta, const S& sigma) {
  Mat<S> M = Mat<S>::Zero(in.rank(), in.rank());
  for (int k = 0; k < in.rank(); ++k) M(k, k) = eta * sigma * sigma / (S(B) * (2 - eta * in.lambda(k)));
  return M;
}

template <class S> Mat<S> parameter_covariance(const StabilityInstance<S>& in, const Mat<S>& V, const Mat<S>& M) {
  Vec<S> inv(in.rank());
  for (int k = 0; k < in.rank(); ++k) inv(k) = S(1) / (S(in.N) * in.lambda(k));
  const Mat<S> Q = V.transpose() * in.W * inv.asDiagonal();
  return Q * M * Q.transpose();
}

#define IRVERIFY_INST(S)                                                                                            \
  template Mat<S> covariance_after<S>(const StabilityInstance<S>&, int, BatchSampling, const S&, const S&, long); \
  template Mat<S> stationary_covariance<S>(const StabilityInstance<S>&, int, BatchSampling, const S&, const S&);   \
  template Mat<S> paper_covariance<S>(const StabilityInstance<S>&, int, const S&, const S&);                      \
  template Mat<S> parameter_covariance<S>(const StabilityInstance<S>&, const Mat<S>&, const Mat<S>&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
