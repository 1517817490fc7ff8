// theory/models/quadratic.hpp: l_i = 1/2 theta'A_i theta - b_i'theta + c_i in every scalar: batch means of the terms
// give the loss, gradient Abar theta - bbar and Hessian Abar; T = 0; no terms, an empty batch and a residual (it is no
// regression model) are refused; the closed forms against central differences.
#include "theory/models/quadratic.hpp"

#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class QuadraticInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(QuadraticInEveryScalar, ScalarTypes);

TYPED_TEST(QuadraticInEveryScalar, ClosedFormsMatchCentralDifferences) {
  expect_closed_forms_match_central_differences<TypeParam>("quadratic");
}

TYPED_TEST(QuadraticInEveryScalar, BatchMeansOfTheTerms) {
  using S = TypeParam;
  using std::abs;
  Mat<S> A0(2, 2), A1(2, 2);
  A0 << S(2), S(1), S(1), S(3);
  A1 << S(1), S(-1) / 2, S(-1) / 2, S(-1);  // indefinite
  Vec<S> b0(2), b1(2);
  b0 << S(1), S(0);
  b1 << S(-1) / 4, S(2);
  const Quadratic<S> m({{A0, b0, S(1)}, {A1, b1, S(-3)}});
  EXPECT_EQ(m.kind(), "quadratic");
  EXPECT_EQ(m.dim(), 2);
  EXPECT_EQ(m.num_examples(), 2);
  Vec<S> th(2);
  th << S(1) / 2, S(-1) / 4;
  const auto term = [&](const Mat<S>& A, const Vec<S>& b, const S& c) { return S(th.dot(A * th)) / 2 - b.dot(th) + c; };
  EXPECT_SCALAR_NEAR(m.loss(th, {0, 1}), S((term(A0, b0, S(1)) + term(A1, b1, S(-3))) / 2), tol::ulps<S>(16), tol::ulps<S>(16));
  EXPECT_EQ(m.loss(th, {1}), term(A1, b1, S(-3)));
  EXPECT_EQ(m.hessian(th, {0, 1}), Mat<S>((A0 + A1) / S(2)));
  EXPECT_LE(S((m.gradient(th, {0, 1}) - ((A0 + A1) * th - (b0 + b1)) / S(2)).norm()), tol::ulps<S>(16));
  EXPECT_EQ(m.third(th, th, th, {0}), Vec<S>(Vec<S>::Zero(2)));
  EXPECT_THROW(m.loss(th, {}), std::invalid_argument);
  EXPECT_THROW(m.residual(th, 0), std::logic_error);
  EXPECT_THROW(Quadratic<S>(std::vector<QuadraticTerm<S>>{}), std::invalid_argument);
}
