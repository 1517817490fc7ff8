// theory/linalg/dense.hpp: Vec<S> and Mat<S> are Eigen's dynamic vectors and matrices in S, and to_doubles rounds a
// vector or matrix of any scalar to double entry by entry, once (what the Monte Carlo solvers and figures see).
#include "theory/linalg/dense.hpp"

#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

#include <type_traits>

using namespace irverify;

template <class S> class DenseInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(DenseInEveryScalar, ScalarTypes);

TYPED_TEST(DenseInEveryScalar, VecAndMatAreDynamicEigenTypesOfTheScalar) {
  using S = TypeParam;
  static_assert(std::is_same_v<typename Vec<S>::Scalar, S> && std::is_same_v<typename Mat<S>::Scalar, S>);
  static_assert(Vec<S>::RowsAtCompileTime == Eigen::Dynamic && Vec<S>::ColsAtCompileTime == 1);
  static_assert(Mat<S>::RowsAtCompileTime == Eigen::Dynamic && Mat<S>::ColsAtCompileTime == Eigen::Dynamic);
  Mat<S> M(2, 3);
  M << S(1) / 3, S(-2) / 3, S(1), S(0), S(1) / 7, S(-1) / 11;
  const Vec<S> v = M.row(0).transpose();
  EXPECT_EQ(v.size(), 3);
  EXPECT_EQ(v(1), S(-2) / 3);
}

TYPED_TEST(DenseInEveryScalar, ToDoublesRoundsEachEntryOnce) {
  using S = TypeParam;
  Mat<S> M(2, 3);
  M << S(1) / 3, S(-2) / 3, S(1), S(0), S(1) / 7, S(-1) / 11;
  const Mat<double> D = to_doubles(M);
  ASSERT_EQ(D.rows(), 2);
  ASSERT_EQ(D.cols(), 3);
  // Correctly rounded, as 1.0 / 3 is: no double rounding through an intermediate type.
  EXPECT_EQ(D(0, 0), 1.0 / 3);
  EXPECT_EQ(D(0, 1), -2.0 / 3);
  EXPECT_EQ(D(1, 1), 1.0 / 7);
  EXPECT_EQ(D(1, 2), -1.0 / 11);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_EQ(D(i, j), to_double(M(i, j)));
  const Vec<double> d = to_doubles(Vec<S>(M.col(2)));
  EXPECT_EQ(d.size(), 2);
  EXPECT_EQ(d(0), 1.0);
  // Fixed sizes keep their shape.
  const Eigen::Matrix<S, 2, 2> F = Eigen::Matrix<S, 2, 2>::Identity() / S(3);
  const Eigen::Matrix<double, 2, 2> Fd = to_doubles(F);
  EXPECT_EQ(Fd(1, 1), 1.0 / 3);
  EXPECT_EQ(Fd(0, 1), 0.0);
}
