#include "theory/linalg/decompositions.hpp"

#include <Eigen/Eigenvalues>

namespace irverify {

template <class S> SymEigen<S> sym_eigen(const Mat<S>& A, bool vectors) {
  Eigen::SelfAdjointEigenSolver<Mat<S>> es(A, vectors ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
  return {es.eigenvalues(), vectors ? Mat<S>(es.eigenvectors()) : Mat<S>()};
}

template <class S> Cholesky<S>::Cholesky(const Mat<S>& A) : llt_(A) {}
template <class S> bool Cholesky<S>::ok() const { return llt_.info() == Eigen::Success; }
template <class S> Vec<S> Cholesky<S>::solve(const Vec<S>& b) const { return llt_.solve(b); }

#define IRVERIFY_INST(S)                                      \
  template SymEigen<S> sym_eigen<S>(const Mat<S>&, bool); \
  template class Cholesky<S>;
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
