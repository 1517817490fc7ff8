// theory/stability/sharpness.hpp in every scalar: on Q diag(d) Q' with known d (Q a rotation in two planes), the
// eigenvalues ascending, lambda_max the largest and the spectral radius the largest in modulus (a negative one here).
#include "theory/stability/sharpness.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class SharpnessInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(SharpnessInEveryScalar, ScalarTypes);

TYPED_TEST(SharpnessInEveryScalar, EigenvaluesLambdaMaxAndSpectralRadius) {
  using S = TypeParam;
  using std::abs;
  using std::sqrt;
  // Q: rotations by the 3-4-5 angle in the planes (0, 1) and (2, 3): exact rational entries.
  Mat<S> Q = Mat<S>::Identity(4, 4);
  const S c = S(3) / 5, s = S(4) / 5;
  Q(0, 0) = Q(1, 1) = Q(2, 2) = Q(3, 3) = c;
  Q(0, 1) = Q(2, 3) = -s;
  Q(1, 0) = Q(3, 2) = s;
  Vec<S> d(4);
  d << S(2), S(-5), S(1) / 2, S(0);
  const Mat<S> H = Q * d.asDiagonal() * Q.transpose();
  const Vec<S> ev = eigenvalues<S>(H);
  const Vec<S> expect = (Vec<S>(4) << S(-5), S(0), S(1) / 2, S(2)).finished();
  EXPECT_LE(S((ev - expect).norm()), tol::ulps<S>(64) * 5);
  EXPECT_SCALAR_NEAR(lambda_max<S>(H), S(2), S(0), S(tol::ulps<S>(64) * 5));
  EXPECT_SCALAR_NEAR(spectral_radius<S>(H), S(5), tol::ulps<S>(64), S(0));
  // The GD stability scale 2 / lambda_max of a positive semidefinite H: here H + 5 I, lambda_max 7.
  const Mat<S> shifted = H + S(5) * Mat<S>::Identity(4, 4);
  EXPECT_SCALAR_NEAR(lambda_max<S>(shifted), spectral_radius<S>(shifted), tol::ulps<S>(64), S(0));
}
