// Dense linear algebra over any supported scalar: Vec<S> and Mat<S> (Eigen's dynamic vectors and matrices), with
// Eigen's NumTraits for the multiprecision scalars (theory/compat/eigen_multiprecision.hpp) and the product kernels
// compiled once per scalar (theory/linalg/eigen_kernels.hpp).
#pragma once

#include "theory/compat/eigen_multiprecision.hpp"

namespace irverify {
template <class Scalar> using Vec = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
template <class Scalar> using Mat = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
// A vector or matrix rounded to double entry by entry (for the double Monte Carlo solvers, figures and summaries).
template <class D> Eigen::Matrix<double, D::RowsAtCompileTime, D::ColsAtCompileTime> to_doubles(const Eigen::MatrixBase<D>& A) {
  return A.unaryExpr([](const typename D::Scalar& x) { return to_double(x); });
}
}  // namespace irverify

// Product kernels compiled once per scalar (declared extern there).
#include "theory/linalg/eigen_kernels.hpp"
