#include "solvers/ln/stationary.hpp"

#include "theory/linalg/decompositions.hpp"
#include "theory/models/least_squares.hpp"

#include <stdexcept>

namespace irverify {

namespace {
// svec of the noise term eta^2 (sigma^2/B) H = eta^2 (sigma^2/B) diag(lambda).
template <class S> Vec<S> noise_term(const StabilityInstance<S>& in, const SymBasis& basis, int B, const S& eta, const S& sigma) {
  Mat<S> Hn = Mat<S>::Zero(in.rank(), in.rank());
  Hn.diagonal() = in.lambda * (eta * eta * sigma * sigma / S(B));
  return basis.template svec<S>(Hn);
}

// The recursion svec(M_{t+1}) = T svec(M_t) + c, built once.
template <class S> struct SecondMoments {
  StabilityOperators<S> ops;
  Mat<S> T;
  Vec<S> c;
  SecondMoments(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta, const S& sigma)
      : ops(in), T(ops.T(batch_coefficients<S>(in.N, B, s), eta)), c(noise_term(in, ops.basis, B, eta, sigma)) {}
  Vec<S> stationary() const {  // (I - T)^{-1} c
    Mat<S> ImT = -T;
    ImT.diagonal().array() += S(1);
    const Cholesky<S> chol(ImT);
    if (!chol.ok())
      throw std::domain_error("stationary_covariance: I - T is not positive definite (eta at or above eta*): no "
                              "stationary second moment");
    return chol.solve(c);
  }
};
}  // namespace

template <class S>
Mat<S> covariance_after(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta, const S& sigma, long t) {
  const SecondMoments<S> r(in, B, s, eta, sigma);
  Vec<S> m = Vec<S>::Zero(r.ops.basis.size());
  for (long k = 0; k < t; ++k) m = r.T * m + r.c;
  return r.ops.basis.template smat<S>(m);
}

template <class S>
Mat<S> stationary_covariance(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta, const S& sigma) {
  const SecondMoments<S> r(in, B, s, eta, sigma);
  return r.ops.basis.template smat<S>(r.stationary());
}

template <class S>
long steps_to_stationary(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta, const S& rel, long max_steps) {
  const SecondMoments<S> r(in, B, s, eta, S(1));
  const Vec<S> st = r.stationary();
  const S bound = rel * st.norm();  // the svec basis is orthonormal: |svec(M)| = |M|_F
  Vec<S> m = Vec<S>::Zero(r.ops.basis.size());
  for (long t = 1; t <= max_steps; ++t) {
    m = r.T * m + r.c;
    if (Vec<S>(m - st).norm() <= bound) return t;
  }
  return -1;
}

template <class S> Mat<S> paper_covariance(const StabilityInstance<S>& in, int B, const S& eta, const S& sigma) {
  Mat<S> M = Mat<S>::Zero(in.rank(), in.rank());
  for (int k = 0; k < in.rank(); ++k) M(k, k) = eta * sigma * sigma / (S(B) * (2 - eta * in.lambda(k)));
  return M;
}

template <class S> Mat<S> range_basis(const StabilityInstance<S>& in, const Mat<S>& V) {
  Vec<S> inv(in.rank());
  for (int k = 0; k < in.rank(); ++k) inv(k) = S(1) / (S(in.N) * in.lambda(k));
  return V.transpose() * in.W * inv.asDiagonal();
}

template <class S> Mat<S> parameter_covariance(const StabilityInstance<S>& in, const Mat<S>& V, const Mat<S>& M) {
  const Mat<S> Q = range_basis(in, V);
  return Q * M * Q.transpose();
}

template <class S>
LabelNoiseMoments<S> linearized_label_noise_moments(const StabilityInstance<S>& in, const LabelNoise<S>& ln,
                                                    const LabelNoiseMcOptions& opt) {
  const LeastSquares<S> lin(in.W, Vec<S>::Zero(in.N));
  const Vec<S> zero = Vec<S>::Zero(in.rank());
  return label_noise_moments<S>(lin, ln, zero, zero, opt);
}

#define IRVERIFY_INST(S)                                                                                            \
  template Mat<S> covariance_after<S>(const StabilityInstance<S>&, int, BatchSampling, const S&, const S&, long); \
  template Mat<S> stationary_covariance<S>(const StabilityInstance<S>&, int, BatchSampling, const S&, const S&);   \
  template Mat<S> paper_covariance<S>(const StabilityInstance<S>&, int, const S&, const S&);                      \
  template long steps_to_stationary<S>(const StabilityInstance<S>&, int, BatchSampling, const S&, const S&, long); \
  template Mat<S> range_basis<S>(const StabilityInstance<S>&, const Mat<S>&);                                     \
  template Mat<S> parameter_covariance<S>(const StabilityInstance<S>&, const Mat<S>&, const Mat<S>&);             \
  template LabelNoiseMoments<S> linearized_label_noise_moments<S>(const StabilityInstance<S>&, const LabelNoise<S>&, \
                                                                  const LabelNoiseMcOptions&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
