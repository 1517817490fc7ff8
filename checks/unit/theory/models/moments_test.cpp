// theory/models/moments.hpp: the second moments of a regression data set over a batch, in every scalar:
// (1/|B|) sum 1/2 (x_i . beta - y_i)^2 = 1/2 beta'G beta - c'beta + syy/2; repeated indices count twice; an empty
// batch is refused.
#include "theory/models/moments.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class MomentsInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(MomentsInEveryScalar, ScalarTypes);

TYPED_TEST(MomentsInEveryScalar, QuadraticFormIsTheMeanSquaredResidual) {
  using S = TypeParam;
  using std::abs;
  Mat<S> X(4, 3);
  X << S(1), S(2), S(0), S(-1) / 2, S(1), S(3), S(1) / 4, S(-1), S(1), S(2), S(0), S(-3) / 2;
  Vec<S> y(4);
  y << S(1), S(-2), S(1) / 2, S(3);
  Vec<S> beta(3);
  beta << S(1) / 3, S(-2) / 5, S(3) / 7;
  for (const Batch& b : {Batch{0, 1, 2, 3}, Batch{2}, Batch{1, 3}, Batch{0, 0, 2}}) {
    const Moments<S> m = batch_moments(X, y, b);
    S direct(0);
    for (int i : b) {
      const S r = S(X.row(i).dot(beta)) - y(i);
      direct += r * r / 2;
    }
    direct /= S(static_cast<int>(b.size()));
    const S via = S(beta.dot(m.G * beta)) / 2 - m.c.dot(beta) + m.syy / 2;
    // Two summation orders of O(10) terms of size O(10): 64 ulps of the largest term.
    EXPECT_SCALAR_NEAR(via, direct, S(0), S(tol::ulps<S>(64) * 16)) << b.size();
    EXPECT_EQ(m.G, Mat<S>(m.G.transpose()));
  }
  const Moments<S> one = batch_moments(X, y, Batch{1});
  EXPECT_EQ(one.G, Mat<S>(X.row(1).transpose() * X.row(1)));
  EXPECT_EQ(one.c, Vec<S>(y(1) * X.row(1).transpose()));
  EXPECT_EQ(one.syy, y(1) * y(1));
  EXPECT_THROW(batch_moments(X, y, Batch{}), std::invalid_argument);
}
