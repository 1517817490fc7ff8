// The two dependency fixes (theory/compat, solvers/compat) and scalar parsing, in every scalar.
#include "checks/framework/tolerance.hpp"
#include "solvers/flow/odeint_flow.hpp"
#include "theory/compat/eigen_multiprecision.hpp"
#include "theory/linalg/decompositions.hpp"
#include "theory/problem/problem.hpp"

#include <Eigen/LU>
#include <gtest/gtest.h>

using namespace irverify;

template <class S> class ScalarCompat : public ::testing::Test {};
// Every scalar of the one list (theory/scalar.hpp).
template <class... S> ::testing::Types<S...> gtest_types(type_list<S...>);
using AllScalars = decltype(gtest_types(Scalars{}));
TYPED_TEST_SUITE(ScalarCompat, AllScalars);

TYPED_TEST(ScalarCompat, NumTraitsComplete) {
  using S = TypeParam;
  using NT = Eigen::NumTraits<S>;
  EXPECT_LT(NT::lowest(), S(0));  // Boost 1.74 returned the smallest positive number
  EXPECT_EQ(NT::lowest(), -NT::highest());
  EXPECT_GT(NT::infinity(), NT::highest());
  EXPECT_NE(NT::quiet_NaN(), NT::quiet_NaN());
  EXPECT_EQ(NT::digits(), std::numeric_limits<S>::digits);
  EXPECT_GE(NT::digits10(), std::numeric_limits<double>::digits10);
}

TYPED_TEST(ScalarCompat, SelfAdjointEigenSolverAndLuResiduals) {
  using S = TypeParam;
  const int n = 6;
  Mat<S> A(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) A(i, j) = S(1) / (i + j + 1);  // Hilbert matrix, cond ~ 1.5e7
  // Eigen's SelfAdjointEigenSolver, through the one place that instantiates it (theory/linalg).
  const SymEigen<S> es = sym_eigen<S>(A, true);
  const Mat<S> R = A * es.vectors - es.vectors * es.values.asDiagonal();
  // Backward-stable eigensolver: residual ~ n eps ||A||; 64 n eps leaves room for the QR sweeps.
  EXPECT_LE(R.norm(), 64 * n * tol::eps<S>() * A.norm());
  const Vec<S> b = Vec<S>::Ones(n);
  const Vec<S> x = A.partialPivLu().solve(b);
  // LU residual is backward-stable too: ~ n eps ||A|| ||x||.
  EXPECT_LE(S((A * x - b).norm()), 64 * n * tol::eps<S>() * A.norm() * x.norm());
}

TYPED_TEST(ScalarCompat, OdeintControlledStepperOnVectorOfNumbers) {
  // Odeint's controlled RKF78 on std::vector<S> (the norm_result_type fix), through the one place that instantiates
  // it (solvers/flow/odeint_flow): the gradient flow of L = x0^2/2 + x1^2 is x(t) = (x0 e^-t, x1 e^-2t).
  using S = TypeParam;
  ProblemSpec spec;
  spec.name = "diagonal quadratic";
  spec.model = "quadratic";
  spec.origin = "scalar_compat_check";
  spec.terms = {{{{"1", "0"}, {"0", "2"}}, {"0", "0"}, "0"}};
  spec.theta0 = {"1", "2"};
  const Problem<S> pr = build_problem<S>(spec);
  const S tol = 1024 * tol::eps<S>();
  const Vec<S> x =
      odeint_gradient_flow<S>(*pr.model, pr.model->all_examples(), pr.theta0, S(1), tol, OdeintMethod::RKF78);
  using std::abs;
  using std::exp;
  // Global error of a controlled method: a modest multiple of the local tolerance over O(10) steps.
  EXPECT_LE(S(abs(x(0) - exp(S(-1)))), 64 * tol);
  EXPECT_LE(S(abs(x(1) - 2 * exp(S(-2)))), 64 * tol);
}

TYPED_TEST(ScalarCompat, ParseScalarIsExactAndStrict) {
  using S = TypeParam;
  EXPECT_EQ(parse_scalar<S>("0.1"), S(1) / 10);  // correctly rounded in S, not via double
  EXPECT_EQ(parse_scalar<S>("-3e-2"), S(-3) / 100);
  for (const char* bad : {"nan", "inf", "-inf", "", "1e", "0x10", "1.2.3", "1,5", " 1"})
    EXPECT_THROW(parse_scalar<S>(bad), std::invalid_argument) << bad;
}
