// theory/linalg/eigen_kernels.hpp: the product kernels compiled once per scalar (matrix-matrix through the GEBP kernel
// and its packing in both storage orders, matrix-vector in both orders) compute the products: on integer matrices,
// whose sums are exact in every scalar, they equal the textbook triple loop exactly.
#include "theory/linalg/eigen_kernels.hpp"

#include "checks/unit/scalar_types.hpp"
#include "theory/linalg/dense.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class EigenKernelsInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(EigenKernelsInEveryScalar, ScalarTypes);

namespace {
// Entries in -8..8 from a fixed pattern: products and sums stay far below 2^53, exact in every scalar.
template <class S> Mat<S> integer_matrix(int rows, int cols, int salt) {
  Mat<S> A(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) A(i, j) = S((i * 7 + j * 13 + salt * 5) % 17 - 8);
  return A;
}
template <class S> Mat<S> naive_product(const Mat<S>& A, const Mat<S>& B) {
  Mat<S> C = Mat<S>::Zero(A.rows(), B.cols());
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    for (Eigen::Index j = 0; j < B.cols(); ++j)
      for (Eigen::Index k = 0; k < A.cols(); ++k) C(i, j) += A(i, k) * B(k, j);
  return C;
}
}  // namespace

TYPED_TEST(EigenKernelsInEveryScalar, MatrixProductsInBothStorageOrdersAreExactOnIntegers) {
  using S = TypeParam;
  using RowMat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Mat<S> A = integer_matrix<S>(17, 23, 1), B = integer_matrix<S>(23, 19, 2);  // beyond one register block
  const Mat<S> expect = naive_product<S>(A, B);
  EXPECT_EQ(Mat<S>(A * B), expect);
  EXPECT_EQ(Mat<S>(RowMat(A) * B), expect);
  EXPECT_EQ(Mat<S>(A * RowMat(B)), expect);
  const Mat<S> At = A.transpose();
  EXPECT_EQ(Mat<S>(At.transpose() * B), expect);  // a transposed (row-major) left operand
  Mat<S> acc = Mat<S>::Zero(17, 19);
  acc.noalias() += A * B;
  acc.noalias() -= A * B;
  EXPECT_EQ(acc, Mat<S>::Zero(17, 19));
}

TYPED_TEST(EigenKernelsInEveryScalar, MatrixVectorProductsInBothOrdersAreExactOnIntegers) {
  using S = TypeParam;
  const Mat<S> A = integer_matrix<S>(29, 31, 3), x = integer_matrix<S>(31, 1, 4), y = integer_matrix<S>(29, 1, 5);
  EXPECT_EQ(Vec<S>(A * Vec<S>(x)), Vec<S>(naive_product<S>(A, x)));
  EXPECT_EQ(Vec<S>(A.transpose() * Vec<S>(y)), Vec<S>(naive_product<S>(Mat<S>(A.transpose()), y)));
  EXPECT_EQ(Mat<S>(Vec<S>(y).transpose() * A), Mat<S>(naive_product<S>(Mat<S>(y.transpose()), A)));
}
