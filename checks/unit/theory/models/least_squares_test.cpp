// theory/models/least_squares.hpp: l_i = 1/2 (x_i . theta - y_i)^2 in every scalar: the loss, H = G and T = 0 in closed
// form, residuals and output gradients as written, and the closed forms against central differences.
#include "theory/models/least_squares.hpp"

#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class LeastSquaresInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(LeastSquaresInEveryScalar, ScalarTypes);

TYPED_TEST(LeastSquaresInEveryScalar, ClosedFormsMatchCentralDifferences) {
  expect_closed_forms_match_central_differences<TypeParam>("least-squares");
}

TYPED_TEST(LeastSquaresInEveryScalar, LossResidualsAndDerivativesAsWritten) {
  using S = TypeParam;
  using std::abs;
  Mat<S> X(3, 2);
  X << S(1), S(2), S(-1) / 2, S(1), S(0), S(3);
  Vec<S> y(3);
  y << S(1), S(0), S(-2);
  const LeastSquares<S> m(X, y);
  EXPECT_EQ(m.kind(), "least-squares");
  EXPECT_EQ(m.dim(), 2);
  EXPECT_EQ(m.num_examples(), 3);
  Vec<S> th(2);
  th << S(1) / 4, S(-3) / 8;
  S loss(0);
  for (int i = 0; i < 3; ++i) {
    const S r = S(X.row(i).dot(th)) - y(i);
    EXPECT_EQ(m.residual(th, i), r);
    EXPECT_EQ(m.output_gradient(th, i), Vec<S>(X.row(i).transpose()));
    loss += r * r / 2;
  }
  // Through the moments 1/2 th'G th - c'th + syy/2: a different summation, equal to rounding.
  EXPECT_SCALAR_NEAR(m.loss(th, m.all_examples()), S(loss / 3), tol::ulps<S>(64), tol::ulps<S>(64));
  const Mat<S> G = X.transpose() * X / S(3);
  EXPECT_LE(S((m.hessian(th, m.all_examples()) - G).norm()), tol::ulps<S>(16) * S(G.norm()));
  EXPECT_EQ(m.third(th, th, th, m.all_examples()), Vec<S>(Vec<S>::Zero(2)));
  EXPECT_LE(S((m.gradient(th, m.all_examples()) - (G * th - X.transpose() * y / S(3))).norm()), tol::ulps<S>(64));
  EXPECT_EQ(m.rows().row(1), X.row(1));  // the row-major copy
}
