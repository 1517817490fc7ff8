// Symmetric eigendecomposition and Cholesky solves in any scalar, compiled once per scalar
// (theory/linalg/decompositions.cpp) instead of in every translation unit that needs one: Eigen's tridiagonal QL
// iteration and LLT are the heaviest templates of the project. Results are Eigen's SelfAdjointEigenSolver and LLT,
// unchanged.
#pragma once

#include "theory/compat/eigen_multiprecision.hpp"

#include <Eigen/Cholesky>

namespace irverify {

// A = Q diag(values) Q', values ascending; vectors (the columns of Q) only if asked for, else empty.
template <class S> struct SymEigen {
  Vec<S> values;
  Mat<S> vectors;
};
template <class S> SymEigen<S> sym_eigen(const Mat<S>& A, bool vectors);

// A = L L' for symmetric positive definite A; ok() is false when the factorization breaks down (A not positive
// definite to working precision).
template <class S> class Cholesky {
 public:
  explicit Cholesky(const Mat<S>& A);
  bool ok() const;
  Vec<S> solve(const Vec<S>& b) const;

 private:
  Eigen::LLT<Mat<S>> llt_;
};

}  // namespace irverify
