// Symmetric eigendecomposition and Cholesky solves in any scalar, compiled once per scalar
// (theory/linalg/decompositions.cpp) instead of in every translation unit that needs one: Eigen's tridiagonal QL
// iteration and LLT are the heaviest templates of the project. Results are Eigen's SelfAdjointEigenSolver and LLT,
// unchanged.
#pragma once

#include "theory/linalg/dense.hpp"

#include <Eigen/Cholesky>

namespace irverify {

// A = Q diag(values) Q', values ascending; vectors (the columns of Q) only if asked for, else empty.
template <class S> struct SymEigen {
  Vec<S> values;
  Mat<S> vectors;
};
template <class S> SymEigen<S> sym_eigen(const Mat<S>& A, bool vectors);

// The singular values of A, descending (Eigen's two-sided Jacobi SVD with QR preconditioning: small singular values
// to high relative accuracy, which the RANK claims' 1e-40 rank threshold in mp50 needs; eigenvalues of A'A would
// resolve them only down to sqrt(epsilon) sigma_1).
template <class S> Vec<S> singular_values(const Mat<S>& A);

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
