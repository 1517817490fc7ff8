// Eigen's dense product kernels (GEBP matrix-matrix micro-kernel, its packing routines, and matrix-vector products)
// for every supported scalar, instantiated once (theory/linalg/eigen_kernels.cpp) and declared extern here for every
// translation unit that includes theory/linalg/dense.hpp (which includes this file). Without it each
// translation unit with a matrix product compiles these kernels again for double, quad and mp50 (about 4 s each,
// measured). The template arguments are those Eigen 3.4's GeneralMatrixMatrix.h and GeneralMatrixVector.h use.
#pragma once

#include "theory/compat/eigen_multiprecision.hpp"

namespace irverify::detail {
template <class S> using gebp_traits = Eigen::internal::gebp_traits<S, S>;
}  // namespace irverify::detail

#define IRVERIFY_EIGEN_KERNEL_INSTANCES(PREFIX, S)                                                                          \
  PREFIX template struct Eigen::internal::gebp_kernel<S, S, Eigen::Index,                                                 \
      Eigen::internal::blas_data_mapper<S, Eigen::Index, Eigen::ColMajor, Eigen::Unaligned, 1>,                         \
      irverify::detail::gebp_traits<S>::mr, irverify::detail::gebp_traits<S>::nr, false, false>;                                 \
  PREFIX template struct Eigen::internal::gemm_pack_lhs<S, Eigen::Index,                                                 \
      Eigen::internal::const_blas_data_mapper<S, Eigen::Index, Eigen::ColMajor>, irverify::detail::gebp_traits<S>::mr,      \
      irverify::detail::gebp_traits<S>::LhsProgress, irverify::detail::gebp_traits<S>::LhsPacket4Packing, Eigen::ColMajor>;     \
  PREFIX template struct Eigen::internal::gemm_pack_lhs<S, Eigen::Index,                                                 \
      Eigen::internal::const_blas_data_mapper<S, Eigen::Index, Eigen::RowMajor>, irverify::detail::gebp_traits<S>::mr,      \
      irverify::detail::gebp_traits<S>::LhsProgress, irverify::detail::gebp_traits<S>::LhsPacket4Packing, Eigen::RowMajor>;     \
  PREFIX template struct Eigen::internal::gemm_pack_rhs<S, Eigen::Index,                                                 \
      Eigen::internal::const_blas_data_mapper<S, Eigen::Index, Eigen::ColMajor>, irverify::detail::gebp_traits<S>::nr,      \
      Eigen::ColMajor>;                                                                                                  \
  PREFIX template struct Eigen::internal::gemm_pack_rhs<S, Eigen::Index,                                                 \
      Eigen::internal::const_blas_data_mapper<S, Eigen::Index, Eigen::RowMajor>, irverify::detail::gebp_traits<S>::nr,      \
      Eigen::RowMajor>;                                                                                                  \
  PREFIX template struct Eigen::internal::general_matrix_vector_product<Eigen::Index, S,                                 \
      Eigen::internal::const_blas_data_mapper<S, Eigen::Index, Eigen::ColMajor>, Eigen::ColMajor, false, S,             \
      Eigen::internal::const_blas_data_mapper<S, Eigen::Index, Eigen::RowMajor>, false, 0>;                             \
  PREFIX template struct Eigen::internal::general_matrix_vector_product<Eigen::Index, S,                                 \
      Eigen::internal::const_blas_data_mapper<S, Eigen::Index, Eigen::RowMajor>, Eigen::RowMajor, false, S,             \
      Eigen::internal::const_blas_data_mapper<S, Eigen::Index, Eigen::ColMajor>, false, 0>;
#define IRVERIFY_EXTERN(S) IRVERIFY_EIGEN_KERNEL_INSTANCES(extern, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN)
#undef IRVERIFY_EXTERN
