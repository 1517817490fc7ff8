// theory/ad/reverse.hpp: reverse mode on the tape gives the gradient program of a recorded scalar: against the closed
// form of a function using every operation, in every scalar; its Jacobian (the Hessian) is symmetric; a function that
// does not depend on x has gradient zero.
#include "theory/ad/reverse.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class ReverseInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ReverseInEveryScalar, ScalarTypes);

namespace {
// f(x) = tanh(x0 x1) + exp(x2 - x0) + log(x1) / x2 + relu(x0) - step(x1) x2 - 3 x1 (every tape operation), and its
// gradient:
//   df/dx0 = x1 (1 - tanh^2(x0 x1)) - exp(x2 - x0) + [x0 > 0]
//   df/dx1 = x0 (1 - tanh^2(x0 x1)) + 1 / (x1 x2) - 3
//   df/dx2 = exp(x2 - x0) - log(x1) / x2^2 - [x1 > 0]
template <class S> Var<S> every_operation(const std::vector<Var<S>>& x) {
  return tanh(x[0] * x[1]) + exp(x[2] - x[0]) + log(x[1]) / x[2] + relu(x[0]) - step(x[1]) * x[2] - S(3) * x[1];
}
template <class S> Vec<S> every_operation_gradient(const Vec<S>& x) {
  using std::exp;
  using std::log;
  using std::tanh;
  const S t = tanh(S(x(0) * x(1))), e = exp(S(x(2) - x(0)));
  Vec<S> g(3);
  g << x(1) * (1 - t * t) - e + (x(0) > 0 ? 1 : 0), x(0) * (1 - t * t) + 1 / (x(1) * x(2)) - 3,
      e - log(x(1)) / (x(2) * x(2)) - (x(1) > 0 ? 1 : 0);
  return g;
}
}  // namespace

TYPED_TEST(ReverseInEveryScalar, GradientProgramIsTheClosedFormGradient) {
  using S = TypeParam;
  const Program<S> g = gradient_program_of<S>(3, every_operation<S>);
  EXPECT_EQ(g.num_inputs(), 3);
  ASSERT_EQ(g.num_outputs(), 3);
  for (const Vec<S>& x : {Vec<S>((Vec<S>(3) << S(1) / 2, S(3) / 4, S(5) / 4).finished()),
                          Vec<S>((Vec<S>(3) << S(-1) / 3, S(2), S(1) / 8).finished())}) {
    const Vec<S> expect = every_operation_gradient<S>(x);
    // A few dozen roundings of terms up to 1 / (x1 x2^2): 64 ulps of the largest.
    EXPECT_LE(S((evaluate(g, x) - expect).norm()), tol::ulps<S>(64) * std::max(S(1), S(expect.norm()))) << to_double(x(0));
    // The Hessian (forward mode over the gradient program) is symmetric to rounding.
    const Mat<S> H = jacobian(g, x);
    EXPECT_LE(S((H - Mat<S>(H.transpose())).norm()), tol::ulps<S>(64) * std::max(S(1), S(H.norm())));
  }
}

// g(x) = sqrt(x0 x1) + sin(x2) - cos(x0):  grad = (x1 / (2 q) + sin x0, x0 / (2 q), cos x2), q = sqrt(x0 x1).
TYPED_TEST(ReverseInEveryScalar, SqrtSinCosGradients) {
  using S = TypeParam;
  using std::cos;
  using std::sin;
  using std::sqrt;
  const Program<S> g = gradient_program_of<S>(3, [](const std::vector<Var<S>>& x) { return sqrt(x[0] * x[1]) + sin(x[2]) - cos(x[0]); });
  Vec<S> x(3);
  x << S(1) / 2, S(3) / 4, S(5) / 4;
  const S q = sqrt(S(x(0) * x(1)));
  Vec<S> expect(3);
  expect << x(1) / (2 * q) + sin(x(0)), x(0) / (2 * q), cos(x(2));
  EXPECT_LE(S((evaluate(g, x) - expect).norm()), tol::ulps<S>(64) * std::max(S(1), S(expect.norm())));
}

TEST(Reverse, ConstantFunctionHasZeroGradientAndLinearOneItsCoefficients) {
  const Program<double> zero = gradient_program_of<double>(2, [](const std::vector<Var<double>>&) { return Var<double>(4.0); });
  ASSERT_EQ(zero.num_outputs(), 2);
  for (const Var<double>& o : zero.outputs) EXPECT_TRUE(o.is_zero());
  const Program<double> lin = gradient_program_of<double>(
      3, [](const std::vector<Var<double>>& x) { return 2.0 * x[0] - x[1] + x[2] * 0.5 + 7.0; });
  const Vec<double> g = evaluate(lin, Vec<double>(Vec<double>::Constant(3, 9.0)));
  EXPECT_EQ(g, (Vec<double>(3) << 2, -1, 0.5).finished());
}
