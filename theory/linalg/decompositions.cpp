#include "theory/linalg/decompositions.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

namespace irverify {

template <class S> SymEigen<S> sym_eigen(const Mat<S>& A, bool vectors) {
  Eigen::SelfAdjointEigenSolver<Mat<S>> es(A, vectors ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
  return {es.eigenvalues(), vectors ? Mat<S>(es.eigenvectors()) : Mat<S>()};
}

template <class S> Vec<S> singular_values(const Mat<S>& A) {
  if (A.size() == 0) return Vec<S>();
  return Eigen::JacobiSVD<Mat<S>, Eigen::FullPivHouseholderQRPreconditioner>(A).singularValues();
}

template <class S> Cholesky<S>::Cholesky(const Mat<S>& A) : llt_(A) {}
template <class S> bool Cholesky<S>::ok() const { return llt_.info() == Eigen::Success; }
template <class S> Vec<S> Cholesky<S>::solve(const Vec<S>& b) const { return llt_.solve(b); }

#define IRVERIFY_INST(S)                                      \
  template SymEigen<S> sym_eigen<S>(const Mat<S>&, bool); \
  template Vec<S> singular_values<S>(const Mat<S>&);      \
  template class Cholesky<S>;
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
