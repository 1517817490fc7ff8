// theory/ad/example_tape.hpp: the tape of l(theta, row) = 1/2 (tanh(w0 x0) w1 + x1 w0 - y)^2 with the data as inputs
// gives grad_theta l for every row, a row of zeros and ones included (the closed form), and has dim + columns inputs
// and dim outputs, in every scalar.
#include "theory/ad/example_tape.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class ExampleTapeInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ExampleTapeInEveryScalar, ScalarTypes);

TYPED_TEST(ExampleTapeInEveryScalar, GradientForEveryRowFromOneTape) {
  using S = TypeParam;
  using std::abs;
  using std::tanh;
  auto loss = [](const std::vector<Var<S>>& w, const std::vector<Var<S>>& x) {
    const Var<S> r = tanh(w[0] * x[0]) * w[1] + x[1] * w[0] - x[2];
    return Var<S>(r * r * (S(1) / 2));
  };
  const std::vector<S> rows = {S(1) / 2, S(-1), S(1) / 4, S(0), S(1), S(0)};  // (x0, x1, y) per example
  const auto t = record_example_tape<S>(2, 3, 2, rows, loss);
  EXPECT_EQ(t->gradient.num_inputs(), 5);
  EXPECT_EQ(t->gradient.num_outputs(), 2);
  EXPECT_EQ(t->rows, rows);
  const Vec<S> w = (Vec<S>(2) << S(3) / 4, S(-1) / 2).finished();
  for (int i = 0; i < 2; ++i) {
    const S x0 = rows[3 * i], x1 = rows[3 * i + 1], y = rows[3 * i + 2], th = tanh(w(0) * x0);
    const S r = th * w(1) + x1 * w(0) - y;
    Vec<S> in(5);
    in << w(0), w(1), x0, x1, y;
    const Vec<S> g = evaluate(t->gradient, in);
    EXPECT_LE(S(abs(g(0) - r * ((S(1) - th * th) * x0 * w(1) + x1))), tol::ulps<S>(64));
    EXPECT_LE(S(abs(g(1) - r * th)), tol::ulps<S>(64));
  }
}
