#include "solvers/ln/drift.hpp"

#include "solvers/ln/stationary.hpp"
#include "theory/linalg/decompositions.hpp"

#include <stdexcept>

namespace irverify {

template <class S> Vec<S> third_contracted(const Model<S>& m, const Vec<S>& theta, const Mat<S>& A) {
  const SymEigen<S> es = sym_eigen<S>(A, true);
  const Batch all = m.all_examples();
  Vec<S> out = Vec<S>::Zero(m.dim());
  for (Eigen::Index k = 0; k < es.values.size(); ++k) {
    if (es.values(k) == 0) continue;
    const Vec<S> u = es.vectors.col(k);
    out += es.values(k) * m.third(theta, u, u, all);
  }
  return out;
}

template <class S> Mat<S> tangent_projector(const StabilityInstance<S>& in, const Mat<S>& V) {
  const Mat<S> Q = range_basis(in, V);
  return Mat<S>::Identity(Q.rows(), Q.rows()) - Q * Q.transpose();
}

namespace {
template <class S> Vec<S> drift_of(const Model<S>& m, const Vec<S>& star, const StabilityInstance<S>& in, const Mat<S>& V,
                                   const S& eta, const Mat<S>& M) {
  const Mat<S> Q = range_basis(in, V);
  return -(eta / 2) * (tangent_projector(in, V) * third_contracted<S>(m, star, Mat<S>(Q * M * Q.transpose())));
}
}  // namespace

template <class S>
Vec<S> window_drift(const Model<S>& m, const Vec<S>& star, const StabilityInstance<S>& in, const Mat<S>& V,
                    const BatchScheme& b, const S& eta, long a, long bstep) {
  if (a < 0 || bstep <= a) throw std::invalid_argument("window_drift: need 0 <= a < b");
  const StabilityOperators<S> ops(in);
  const Mat<S> T = ops.T(batch_coefficients<S>(in.N, b.B, b.sampling), eta);
  Mat<S> Hn = Mat<S>::Zero(in.rank(), in.rank());
  Hn.diagonal() = in.lambda * (eta * eta / S(b.B));
  const Vec<S> c = ops.basis.svec(Hn);
  Vec<S> mk = Vec<S>::Zero(ops.basis.size()), sum = mk;
  for (long k = 0; k < bstep; ++k) {  // M_k for k = 0 .. b - 1 (M_0 = 0)
    if (k >= a) sum += mk;
    mk = T * mk + c;
  }
  return drift_of<S>(m, star, in, V, eta, ops.basis.smat(sum)) / S(bstep - a);
}

template <class S>
Vec<S> stationary_drift(const Model<S>& m, const Vec<S>& star, const StabilityInstance<S>& in, const Mat<S>& V,
                        const BatchScheme& b, const S& eta) {
  return drift_of<S>(m, star, in, V, eta, stationary_covariance<S>(in, b.B, b.sampling, eta, S(1)));
}

namespace {
// The eigendecomposition of I - (eta/2) H(theta), refused unless positive definite.
template <class S> SymEigen<S> log_argument(const Model<S>& m, const Vec<S>& theta, const S& eta) {
  Mat<S> A = -(eta / 2) * m.hessian(theta, m.all_examples());
  A.diagonal().array() += S(1);
  SymEigen<S> es = sym_eigen<S>(A, true);
  if (!(es.values.minCoeff() > 0))
    throw std::domain_error("the regularizer -(1/(2 eta)) log det(I - (eta/2) H) needs eta lambda_max(H) < 2");
  return es;
}
}  // namespace

template <class S> Vec<S> log_regularizer_gradient(const Model<S>& m, const Vec<S>& theta, const S& eta) {
  const SymEigen<S> es = log_argument<S>(m, theta, eta);
  const Mat<S> inv = es.vectors * es.values.cwiseInverse().asDiagonal() * es.vectors.transpose();
  return third_contracted<S>(m, theta, inv) / S(4);
}

template <class S> Vec<S> trace_regularizer_gradient(const Model<S>& m, const Vec<S>& theta) {
  const Batch all = m.all_examples();
  Vec<S> out = Vec<S>::Zero(m.dim());
  for (int j = 0; j < m.dim(); ++j) out += m.third(theta, Vec<S>::Unit(m.dim(), j), Vec<S>::Unit(m.dim(), j), all);
  return out / S(4);
}

template <class S> S log_regularizer(const Model<S>& m, const Vec<S>& theta, const S& eta) {
  using std::log;
  const SymEigen<S> es = log_argument<S>(m, theta, eta);
  S logdet(0);
  for (Eigen::Index i = 0; i < es.values.size(); ++i) logdet += log(es.values(i));
  return -logdet / (2 * eta);
}

#define IRVERIFY_INST(S)                                                                                              \
  template Vec<S> third_contracted<S>(const Model<S>&, const Vec<S>&, const Mat<S>&);                               \
  template Mat<S> tangent_projector<S>(const StabilityInstance<S>&, const Mat<S>&);                                 \
  template Vec<S> window_drift<S>(const Model<S>&, const Vec<S>&, const StabilityInstance<S>&, const Mat<S>&,       \
                                  const BatchScheme&, const S&, long, long);                                        \
  template Vec<S> stationary_drift<S>(const Model<S>&, const Vec<S>&, const StabilityInstance<S>&, const Mat<S>&,   \
                                      const BatchScheme&, const S&);                                                \
  template Vec<S> log_regularizer_gradient<S>(const Model<S>&, const Vec<S>&, const S&);                            \
  template Vec<S> trace_regularizer_gradient<S>(const Model<S>&, const Vec<S>&);                                    \
  template S log_regularizer<S>(const Model<S>&, const Vec<S>&, const S&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
