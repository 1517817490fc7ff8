// theory/ad/program.hpp: a recorded F: R^n -> R^m evaluates to F(x) (replay on constants) and differentiates to its
// Jacobian (forward mode, column by column), constant outputs included, in every scalar.
#include "theory/ad/program.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class ProgramInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ProgramInEveryScalar, ScalarTypes);

// F(x, y) = (x y + 2, x - y, 5, tanh(x) y^2): its value and Jacobian [[y, x], [1, -1], [0, 0], [(1 - t^2) y^2, 2 t y]].
TYPED_TEST(ProgramInEveryScalar, EvaluateAndJacobianMatchTheClosedForms) {
  using S = TypeParam;
  using std::abs;
  using std::tanh;
  Program<S> p;
  const std::vector<Var<S>> in = p.make_inputs(2);
  const Var<S>&x = in[0], &y = in[1];
  p.outputs = {x * y + S(2), x - y, Var<S>(S(5)), tanh(x) * (y * y)};
  EXPECT_EQ(p.num_inputs(), 2);
  EXPECT_EQ(p.num_outputs(), 4);
  EXPECT_TRUE(p.outputs[2].is_constant());
  const S a = S(3) / 4, b = S(-5) / 2, t = tanh(a);
  Vec<S> at(2);
  at << a, b;
  const Vec<S> F = evaluate(p, at);
  ASSERT_EQ(F.size(), 4);
  EXPECT_EQ(F(0), a * b + 2);  // one product, one sum: as the closed form rounds them
  EXPECT_EQ(F(1), a - b);
  EXPECT_EQ(F(2), S(5));
  EXPECT_SCALAR_NEAR(S(F(3)), S(t * b * b), tol::ulps<S>(4), S(0));
  const Mat<S> J = jacobian(p, at);
  ASSERT_EQ(J.rows(), 4);
  ASSERT_EQ(J.cols(), 2);
  Mat<S> expect(4, 2);
  expect << b, a, S(1), S(-1), S(0), S(0), (1 - t * t) * b * b, 2 * t * b;
  EXPECT_LE(S((J - expect).norm()), tol::ulps<S>(16) * S(expect.norm()));
  EXPECT_EQ(J.row(2).norm(), S(0));  // a constant output has a zero row
}

TEST(Program, InputsCountAndOutputsThatAreInputs) {
  Program<double> p;
  const std::vector<Var<double>> in = p.make_inputs(3);
  p.outputs = {in[2], in[0]};  // a permutation: Jacobian rows e_3', e_1'
  Vec<double> x(3);
  x << 1.5, -2, 7;
  EXPECT_EQ(evaluate(p, x), (Vec<double>(2) << 7, 1.5).finished());
  EXPECT_EQ(jacobian(p, x), (Mat<double>(2, 3) << 0, 0, 1, 1, 0, 0).finished());
  EXPECT_THROW(evaluate(p, Vec<double>(Vec<double>::Zero(2))), std::invalid_argument);  // 2 inputs for 3
}
