// The two dependency fixes (theory/compat, solvers/compat) and scalar parsing, in every scalar.
#include "checks/framework/tolerance.hpp"
#include "solvers/compat/odeint_multiprecision.hpp"
#include "theory/compat/eigen_multiprecision.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <boost/numeric/odeint.hpp>
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
  Eigen::SelfAdjointEigenSolver<Mat<S>> es(A);
  const Mat<S> R = A * es.eigenvectors() - es.eigenvectors() * es.eigenvalues().asDiagonal();
  // Backward-stable eigensolver: residual ~ n eps ||A||; 64 n eps leaves room for the QR sweeps.
  EXPECT_LE(R.norm(), 64 * n * tol::eps<S>() * A.norm());
  const Vec<S> b = Vec<S>::Ones(n);
  const Vec<S> x = A.partialPivLu().solve(b);
  // LU residual is backward-stable too: ~ n eps ||A|| ||x||.
  EXPECT_LE(S((A * x - b).norm()), 64 * n * tol::eps<S>() * A.norm() * x.norm());
}

TYPED_TEST(ScalarCompat, OdeintControlledStepperOnVectorOfNumbers) {
  using S = TypeParam;
  namespace od = boost::numeric::odeint;
  using State = std::vector<S>;
  State x{S(1), S(2)};
  const S tol = 1024 * tol::eps<S>();
  auto sys = [](const State& s, State& d, const S&) {
    d[0] = -s[0];
    d[1] = -2 * s[1];
  };
  od::integrate_adaptive(od::make_controlled(tol, tol, od::runge_kutta_fehlberg78<State, S, State, S>()), sys, x, S(0),
                         S(1), S(1) / 8);
  using std::abs;
  using std::exp;
  // Global error of a controlled method: a modest multiple of the local tolerance over O(10) steps.
  EXPECT_LE(S(abs(x[0] - exp(S(-1)))), 64 * tol);
  EXPECT_LE(S(abs(x[1] - 2 * exp(S(-2)))), 64 * tol);
}

TYPED_TEST(ScalarCompat, ParseScalarIsExactAndStrict) {
  using S = TypeParam;
  EXPECT_EQ(parse_scalar<S>("0.1"), S(1) / 10);  // correctly rounded in S, not via double
  EXPECT_EQ(parse_scalar<S>("-3e-2"), S(-3) / 100);
  for (const char* bad : {"nan", "inf", "-inf", "", "1e", "0x10", "1.2.3", "1,5", " 1"})
    EXPECT_THROW(parse_scalar<S>(bad), std::invalid_argument) << bad;
}
