// theory/models/two_layer.hpp: f(x) = sum_j a_j sigma(w_j . x) with tanh or ReLU, in every scalar: the closed forms
// against central differences (the built-in ReLU point is away from the kinks, checked), the residual as written;
// a width below one is refused.
#include "theory/models/two_layer.hpp"

#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class TwoLayerInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(TwoLayerInEveryScalar, ScalarTypes);

TYPED_TEST(TwoLayerInEveryScalar, TanhClosedFormsMatchCentralDifferences) {
  expect_closed_forms_match_central_differences<TypeParam>("two-layer-tanh");
}
TYPED_TEST(TwoLayerInEveryScalar, ReluClosedFormsMatchCentralDifferences) {
  expect_closed_forms_match_central_differences<TypeParam>("two-layer-relu");
}

TYPED_TEST(TwoLayerInEveryScalar, ResidualAsWrittenAndWidthRefused) {
  using S = TypeParam;
  using std::abs;
  using std::tanh;
  Mat<S> X(1, 2);
  X << S(1) / 2, S(-1);
  Vec<S> y(1);
  y << S(1) / 4;
  Vec<S> th(6);  // a_1, a_2, w_11, w_12, w_21, w_22
  th << S(2), S(-1), S(1), S(1) / 2, S(-1) / 4, S(3) / 4;
  const TwoLayer<S> tanh_net(Activation::Tanh, 2, X, y), relu_net(Activation::Relu, 2, X, y);
  EXPECT_EQ(tanh_net.kind(), "two-layer-tanh");
  EXPECT_EQ(relu_net.kind(), "two-layer-relu");
  EXPECT_TRUE(tanh_net.smooth());
  EXPECT_FALSE(relu_net.smooth());
  EXPECT_EQ(tanh_net.dim(), 6);
  // w_1 . x = 0 (a kink of the ReLU net: relu = 0, one-sided derivative 0), w_2 . x = -7/8.
  const S f_tanh = 2 * tanh(S(0)) - tanh(S(-7) / 8), f_relu = S(0);
  EXPECT_SCALAR_NEAR(tanh_net.residual(th, 0), S(f_tanh - y(0)), tol::ulps<S>(8), tol::ulps<S>(8));
  EXPECT_EQ(relu_net.residual(th, 0), f_relu - y(0));
  EXPECT_EQ(relu_net.output_gradient(th, 0), Vec<S>(Vec<S>::Zero(6)));  // both units off (or at the kink)
  EXPECT_THROW(TwoLayer<S>(Activation::Tanh, 0, X, y), std::invalid_argument);
}

TEST(TwoLayer, BuiltInReluPointIsAwayFromKinks) {
  // Central differences are valid for the ReLU net only if no pre-activation is within h of zero.
  const ProblemSpec s = generate_problem("two-layer-relu", 7);
  const Problem<double> p = build_problem<double>(s);
  const int m = s.hidden, f = s.features();
  for (int i = 0; i < s.num_examples(); ++i)
    for (int j = 0; j < m; ++j) {
      double pre = 0;
      for (int k = 0; k < f; ++k) pre += std::stod(s.data[i][k]) * p.theta0(m + j * f + k);
      EXPECT_GT(std::abs(pre), 1e3 * tol::central_step<double>()) << "example " << i << " unit " << j;
    }
}

// The batch forms (residuals, add_output_gradients: no per-example allocation) are the per-example ones bit for bit,
// in the same operation order, a repeated index included.
TYPED_TEST(TwoLayerInEveryScalar, BatchResidualsAndOutputGradientsAreThePerExampleOnes) {
  using S = TypeParam;
  Mat<S> X(3, 2);
  X << S(1), S(-2), S(1) / 2, S(3), S(-3) / 4, S(5) / 3;
  Vec<S> y(3);
  y << S(1), S(-1), S(2) / 7;
  Vec<S> th(6);
  th << S(2), S(-1), S(1) / 3, S(1) / 2, S(-1) / 4, S(3) / 4;
  const std::vector<std::uint32_t> idx = {2, 0, 2};
  Vec<S> c(3);
  c << S(1) / 3, S(-2), S(5) / 7;
  for (Activation a : {Activation::Tanh, Activation::Relu}) {
    const TwoLayer<S> net(a, 2, X, y);
    Vec<S> r(3), out = Vec<S>::Ones(6), expected = out;
    net.residuals(th, idx, r);
    net.add_output_gradients(th, idx, c, out);
    for (int j = 0; j < 3; ++j) {
      EXPECT_EQ(r(j), net.residual(th, static_cast<int>(idx[j])));
      expected += c(j) * net.output_gradient(th, static_cast<int>(idx[j]));
    }
    EXPECT_EQ(out, expected);
  }
}
