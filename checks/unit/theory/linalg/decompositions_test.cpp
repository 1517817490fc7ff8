// theory/linalg/decompositions.hpp in every scalar: the symmetric eigendecomposition to backward-stable residuals with
// orthonormal vectors and ascending values; Cholesky solves, and its breakdown on an indefinite matrix; singular values
// descending and exact on a diagonal.
#include "theory/linalg/decompositions.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class DecompositionsInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(DecompositionsInEveryScalar, ScalarTypes);

namespace {
template <class S> Mat<S> hilbert_matrix(int n) {
  Mat<S> A(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) A(i, j) = S(1) / (i + j + 1);  // cond ~ 1.5e7 at n = 6
  return A;
}
}  // namespace

TYPED_TEST(DecompositionsInEveryScalar, SymEigenResidualOrthonormalVectorsAscendingValues) {
  using S = TypeParam;
  const int n = 6;
  const Mat<S> A = hilbert_matrix<S>(n);
  const SymEigen<S> es = sym_eigen<S>(A, true);
  const Mat<S> R = A * es.vectors - es.vectors * es.values.asDiagonal();
  // Backward-stable eigensolver: residual ~ n eps ||A||; 64 n eps leaves room for the QR sweeps.
  EXPECT_LE(S(R.norm()), tol::ulps<S>(64 * n) * A.norm());
  EXPECT_LE(S((es.vectors.transpose() * es.vectors - Mat<S>::Identity(n, n)).norm()), tol::ulps<S>(64 * n));
  for (int k = 1; k < n; ++k) EXPECT_LT(es.values(k - 1), es.values(k));
  EXPECT_GT(es.values(0), S(0));  // positive definite
  const SymEigen<S> values_only = sym_eigen<S>(A, false);
  EXPECT_EQ(values_only.vectors.size(), 0);
  EXPECT_LE(S((values_only.values - es.values).norm()), tol::ulps<S>(64 * n) * A.norm());
}

TYPED_TEST(DecompositionsInEveryScalar, CholeskySolvesAndDetectsIndefiniteMatrices) {
  using S = TypeParam;
  const int n = 6;
  const Mat<S> A = hilbert_matrix<S>(n);
  const Cholesky<S> llt(A);
  ASSERT_TRUE(llt.ok());
  const Vec<S> b = Vec<S>::LinSpaced(n, S(1), S(n));
  const Vec<S> x = llt.solve(b);
  // Backward stable: |A x - b| ~ n eps |A| |x|.
  EXPECT_LE(S((A * x - b).norm()), tol::ulps<S>(64 * n) * A.norm() * x.norm());
  Mat<S> indefinite = Mat<S>::Identity(2, 2);
  indefinite(1, 1) = S(-1);
  EXPECT_FALSE(Cholesky<S>(indefinite).ok());
}

TYPED_TEST(DecompositionsInEveryScalar, SingularValuesDescendingAndExactOnADiagonal) {
  using S = TypeParam;
  Mat<S> D = Mat<S>::Zero(3, 4);
  D(0, 1) = S(-2);  // a permuted, signed diagonal: singular values 3, 2, 1/2
  D(1, 0) = S(1) / 2;
  D(2, 3) = S(3);
  const Vec<S> s = singular_values<S>(D);
  ASSERT_EQ(s.size(), 3);
  EXPECT_LE(S((s - Vec<S>((Vec<S>(3) << S(3), S(2), S(1) / 2).finished())).norm()), tol::ulps<S>(8));
  const Mat<S> A = hilbert_matrix<S>(5);
  using std::abs;
  const Vec<S> sa = singular_values<S>(A), ev = sym_eigen<S>(A, false).values;
  for (int k = 0; k < 5; ++k) EXPECT_SCALAR_NEAR(S(sa(k)), S(ev(4 - k)), S(0), S(tol::ulps<S>(64 * 5) * sa(0))) << k;  // SPD: equal
  EXPECT_EQ(singular_values<S>(Mat<S>()).size(), 0);
}
