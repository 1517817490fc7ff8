// theory/compat/eigen_multiprecision.hpp: Eigen's NumTraits of the multiprecision scalars complete and right (Boost
// 1.74's lowest() was the smallest positive number), so Eigen's solvers run in every scalar: LU to backward-stable
// residuals on an ill-conditioned matrix.
#include "theory/compat/eigen_multiprecision.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/linalg/dense.hpp"

#include <Eigen/LU>
#include <gtest/gtest.h>

using namespace irverify;

template <class S> class EigenMultiprecisionInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(EigenMultiprecisionInEveryScalar, ScalarTypes);

TYPED_TEST(EigenMultiprecisionInEveryScalar, NumTraitsComplete) {
  using S = TypeParam;
  using NT = Eigen::NumTraits<S>;
  EXPECT_LT(NT::lowest(), S(0));  // Boost 1.74 returned the smallest positive number
  EXPECT_EQ(NT::lowest(), -NT::highest());
  EXPECT_GT(NT::infinity(), NT::highest());
  EXPECT_NE(NT::quiet_NaN(), NT::quiet_NaN());
  EXPECT_EQ(NT::digits(), std::numeric_limits<S>::digits);
  EXPECT_GE(NT::digits10(), std::numeric_limits<double>::digits10);
  EXPECT_EQ(NT::epsilon(), eps<S>());
}

TYPED_TEST(EigenMultiprecisionInEveryScalar, PartialPivLuResidualIsBackwardStable) {
  using S = TypeParam;
  const int n = 6;
  Mat<S> A(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) A(i, j) = S(1) / (i + j + 1);  // Hilbert matrix, cond ~ 1.5e7
  const Vec<S> b = Vec<S>::Ones(n);
  const Vec<S> x = A.partialPivLu().solve(b);
  // LU residual is backward-stable: ~ n eps ||A|| ||x||; 64 n ulps of margin.
  EXPECT_LE(S((A * x - b).norm()), tol::ulps<S>(64 * n) * A.norm() * x.norm());
}
