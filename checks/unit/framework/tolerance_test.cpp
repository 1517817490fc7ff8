// checks/framework/tolerance.hpp in every scalar: the tolerances are the scalar's (ulps(n) = n eps, the square and cube
// roots of eps, the central-difference step and bound), and near() is relative with a floor: |a - b| <=
// max(rel max(|a|, |b|), abs_floor), symmetric, the floor deciding near zero.
#include "checks/framework/tolerance.hpp"

#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class ToleranceInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ToleranceInEveryScalar, ScalarTypes);

TYPED_TEST(ToleranceInEveryScalar, TolerancesAreTheScalarsOwn) {
  using S = TypeParam;
  using std::abs;
  EXPECT_EQ(tol::ulps<S>(64), S(64) * eps<S>());
  EXPECT_LE(S(abs(S(tol::sqrt_eps<S>() * tol::sqrt_eps<S>() - eps<S>()))), tol::ulps<S>(2) * eps<S>());
  EXPECT_LE(S(abs(S(tol::cbrt_eps<S>() * tol::cbrt_eps<S>() * tol::cbrt_eps<S>() - eps<S>()))), tol::ulps<S>(4) * eps<S>());
  const S h = tol::central_step<S>();
  EXPECT_EQ(h, tol::cbrt_eps<S>());
  EXPECT_EQ(tol::central_difference_bound<S>(), 64 * (h * h + eps<S>() / h));
}

TYPED_TEST(ToleranceInEveryScalar, NearIsRelativeWithAFloor) {
  using S = TypeParam;
  const S rel = tol::ulps<S>(8), floor = tol::ulps<S>(1);
  const S big(1000);
  EXPECT_TRUE(tol::near(big, S(big * (1 + 4 * eps<S>())), rel, floor));   // 4 ulps relative
  EXPECT_FALSE(tol::near(big, S(big * (1 + 16 * eps<S>())), rel, floor)); // 16
  EXPECT_TRUE(tol::near(S(big * (1 + 4 * eps<S>())), big, rel, floor));   // symmetric
  EXPECT_TRUE(tol::near(S(0), S(eps<S>() / 2), rel, floor));              // near zero the floor decides
  EXPECT_FALSE(tol::near(S(0), S(2 * eps<S>()), rel, floor));
  EXPECT_TRUE(tol::near(S(-3), S(-3), S(0), S(0)));                       // exact equality with no slack
  EXPECT_FALSE(tol::near(S(1), S(-1), rel, floor));
}
