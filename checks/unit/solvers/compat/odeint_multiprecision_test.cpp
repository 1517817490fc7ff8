// solvers/compat/odeint_multiprecision.hpp: odeint's controlled steppers run on std::vector of every scalar (the
// norm_result_type fix), through the one place that instantiates them (solvers/flow/odeint_flow): the gradient flow
// of L = x0^2/2 + x1^2 is x(t) = (x0 e^-t, x1 e^-2t).
#include "solvers/compat/odeint_multiprecision.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"
#include "solvers/flow/odeint_flow.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <type_traits>

using namespace irverify;

template <class S> class OdeintMultiprecisionInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(OdeintMultiprecisionInEveryScalar, ScalarTypes);

TYPED_TEST(OdeintMultiprecisionInEveryScalar, ControlledStepperOnVectorOfNumbers) {
  using S = TypeParam;
  static_assert(std::is_same_v<typename boost::numeric::odeint::norm_result_type<std::vector<S>>::type, S>);
  ProblemSpec spec;
  spec.name = "diagonal quadratic";
  spec.model = "quadratic";
  spec.origin = "odeint_multiprecision_test";
  spec.terms = {{{{"1", "0"}, {"0", "2"}}, {"0", "0"}, "0"}};
  spec.theta0 = {"1", "2"};
  const Problem<S> pr = build_problem<S>(spec);
  // Two thirds of the scalar's digits: beyond double in quad and mp50, at about tol^(-1/8) RKF78 steps (full
  // precision in mp50 would take ~10^6 steps and 14 s for the same evidence).
  using std::pow;
  const S tol = pow(std::numeric_limits<S>::epsilon(), S(2) / 3);
  const Vec<S> x =
      odeint_gradient_flow<S>(*pr.model, pr.model->all_examples(), pr.theta0, S(1), tol, OdeintMethod::RKF78);
  using std::abs;
  using std::exp;
  // Global error of a controlled method: a modest multiple of the local tolerance over O(10) steps.
  EXPECT_LE(S(abs(x(0) - exp(S(-1)))), 64 * tol);
  EXPECT_LE(S(abs(x(1) - 2 * exp(S(-2)))), 64 * tol);
}
