// solvers/lp/weighted_l1.hpp in every scalar: the interpolator of minimal weighted l1 norm, the simplex's vertex
// refined to rounding in the working precision; weights move the optimum; infeasible systems are refused.
#include "solvers/lp/weighted_l1.hpp"

#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class WeightedL1InEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(WeightedL1InEveryScalar, ScalarTypes);

// min |b1| + |b2| + |b3| subject to b1 + b2 = 1, b2 + b3 = 1 is b = (0, 1, 0), refined to rounding in mp50 (there
// exactly: 2 / sqrt(2) / sqrt(2) rounds to 1 in mp50, not in double).
TEST(WeightedL1, VertexIsRefinedInTheWorkingPrecision) {
  Mat<mp50> X(2, 3);
  X << 1, 1, 0, 0, 1, 1;
  const Vec<mp50> y = Vec<mp50>::Ones(2), w = Vec<mp50>::Ones(3);
  const WeightedL1<mp50> r = min_weighted_l1<mp50>(X, y, w);
  ASSERT_EQ(r.support, std::vector<int>({1}));
  EXPECT_EQ(r.beta(1), mp50(1));
  EXPECT_EQ(r.objective, mp50(1));
  EXPECT_THROW(min_weighted_l1<mp50>(Mat<mp50>::Zero(2, 3), y, w), std::runtime_error);  // infeasible
}

TYPED_TEST(WeightedL1InEveryScalar, VertexIsRefinedInTheWorkingPrecision) {
  using S = TypeParam;
  Mat<S> X(2, 3);
  X << S(1), S(1), S(0), S(0), S(1), S(1);
  const Vec<S> y = Vec<S>::Ones(2), w = Vec<S>::Ones(3);
  const WeightedL1<S> r = min_weighted_l1<S>(X, y, w);
  ASSERT_EQ(r.support, std::vector<int>({1}));
  EXPECT_SCALAR_NEAR(S(r.beta(1)), S(1), tol::ulps<S>(4), S(0));
  EXPECT_SCALAR_NEAR(r.objective, S(1), tol::ulps<S>(4), S(0));
  EXPECT_THROW(min_weighted_l1<S>(Mat<S>::Zero(2, 3), y, w), std::runtime_error);  // infeasible
}

// The same constraints with weight 3 on b2: (1, 0, 1) costs 2 < 3. With y = (1/3, 2/3) the optimum is (0, 1/3, 1/3)
// (cost 1 - b2 for b2 <= 1/3, b2 + 1/3 above): its thirds carry the scalar's digits, not the simplex's double ones.
TYPED_TEST(WeightedL1InEveryScalar, WeightsMoveTheOptimumAndTheAnswerCarriesTheScalarsDigits) {
  using S = TypeParam;
  Mat<S> X(2, 3);
  X << S(1), S(1), S(0), S(0), S(1), S(1);
  const Vec<S> w = (Vec<S>(3) << S(1), S(3), S(1)).finished();
  const WeightedL1<S> r = min_weighted_l1<S>(X, Vec<S>::Ones(2), w);
  ASSERT_EQ(r.support, std::vector<int>({0, 2}));
  EXPECT_SCALAR_NEAR(r.objective, S(2), tol::ulps<S>(4), S(0));
  const Vec<S> y = (Vec<S>(2) << S(1) / 3, S(2) / 3).finished();
  const WeightedL1<S> t = min_weighted_l1<S>(X, y, Vec<S>::Ones(3));
  ASSERT_EQ(t.support, std::vector<int>({1, 2}));
  EXPECT_SCALAR_NEAR(S(t.beta(1)), S(S(1) / 3), tol::ulps<S>(4), S(0));
  EXPECT_SCALAR_NEAR(S(t.beta(2)), S(S(1) / 3), tol::ulps<S>(4), S(0));
  EXPECT_EQ(t.beta(0), S(0));
  EXPECT_LE(t.residual, tol::ulps<S>(4));
}
