// theory/models/tape_model.hpp: a model written once as its residual gets loss, gradient, Hessian, T[u, v], residual and
// output gradient from the tape: written as the two-layer tanh net, each equals the closed forms of
// theory/models/two_layer.hpp to rounding, in every scalar. A model written as its loss is no regression model; empty
// sizes and batches are refused.
#include "theory/models/tape_model.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/models/two_layer.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class TapeModelInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(TapeModelInEveryScalar, ScalarTypes);

namespace {
// f(x) - y = sum_j a_j tanh(w_j . x) - y, theta = (a_1..a_m, w_11..w_1p, ...), as TwoLayer orders it.
template <class S> typename TapeModel<S>::Example tanh_net_residual(const Mat<S>& X, const Vec<S>& y, int m) {
  return [X, y, m](const std::vector<Var<S>>& th, int i) {
    const int p = static_cast<int>(X.cols());
    Var<S> f(-y(i));
    for (int j = 0; j < m; ++j) {
      Var<S> s(S(0));
      for (int k = 0; k < p; ++k) s += X(i, k) * th[m + j * p + k];
      f += th[j] * tanh(s);
    }
    return f;
  };
}
}  // namespace

TYPED_TEST(TapeModelInEveryScalar, ResidualModelEqualsTheClosedFormTwoLayerNet) {
  using S = TypeParam;
  using std::abs;
  const int m = 3, N = 4;
  Mat<S> X(N, 2);
  X << S(1), S(-1) / 2, S(1) / 4, S(1), S(-3) / 4, S(1) / 2, S(1) / 2, S(1) / 8;
  Vec<S> y(N);
  y << S(1) / 2, S(-1), S(1) / 4, S(0);
  const TwoLayer<S> ref(Activation::Tanh, m, X, y);
  const TapeModel<S> tm("tanh-net", TapeModel<S>::Kind::Residual, ref.dim(), N, tanh_net_residual<S>(X, y, m));
  EXPECT_EQ(tm.kind(), "tanh-net");
  EXPECT_EQ(tm.dim(), 9);
  EXPECT_EQ(tm.num_examples(), N);
  Vec<S> th(9), u(9), v(9);
  for (int k = 0; k < 9; ++k) {
    th(k) = S(k % 4 + 1) / 5 - S(k % 3) / 4;
    u(k) = S(1) / (k + 2);
    v(k) = S(k % 2 ? 1 : -1) / 3;
  }
  // O(m p N) operations in different orders: 64 N d ulps relative to the quantity's size.
  const S tol = tol::ulps<S>(64 * N * 9);
  for (const Batch& b : {tm.all_examples(), Batch{2}, Batch{0, 3}}) {
    EXPECT_SCALAR_NEAR(tm.loss(th, b), ref.loss(th, b), tol, tol);
    EXPECT_LE(S((tm.gradient(th, b) - ref.gradient(th, b)).norm()), tol * std::max(S(1), S(ref.gradient(th, b).norm())));
    EXPECT_LE(S((tm.hessian(th, b) - ref.hessian(th, b)).norm()), tol * std::max(S(1), S(ref.hessian(th, b).norm())));
    const Vec<S> T = ref.third(th, u, v, b);
    EXPECT_LE(S((tm.third(th, u, v, b) - T).norm()), tol * std::max(S(1), S(T.norm())));
  }
  for (int i = 0; i < N; ++i) {
    EXPECT_SCALAR_NEAR(tm.residual(th, i), ref.residual(th, i), tol, tol);
    EXPECT_LE(S((tm.output_gradient(th, i) - ref.output_gradient(th, i)).norm()), tol);
  }
  // The taped gradient program is the same gradient.
  EXPECT_LE(S((evaluate(tm.gradient_program(tm.all_examples()), th) - ref.gradient(th, ref.all_examples())).norm()), tol);
}

TEST(TapeModel, LossModelIsNoRegressionModelAndBadSizesAreRefused) {
  using S = double;
  // l_i(theta) = exp(theta_0 - i) + theta_1^2 / 2 written as a loss: gradient (exp(theta_0 - i), theta_1) per example.
  const TapeModel<S> lm("exp-loss", TapeModel<S>::Kind::Loss, 2, 3,
                        [](const std::vector<Var<S>>& th, int i) { return exp(th[0] - S(i)) + th[1] * th[1] * 0.5; });
  Vec<S> th(2);
  th << 0.5, -2;
  EXPECT_THROW(lm.residual(th, 0), std::logic_error);
  EXPECT_THROW(lm.output_gradient(th, 0), std::logic_error);
  const Vec<S> g = lm.gradient(th, {1});
  EXPECT_NEAR(g(0), std::exp(-0.5), tol::ulps<S>(4));
  EXPECT_EQ(g(1), -2.0);
  EXPECT_NEAR(lm.loss(th, {0, 2}), (std::exp(0.5) + std::exp(-1.5)) / 2 + 2, tol::ulps<S>(16));
  EXPECT_THROW(lm.gradient(th, {}), std::invalid_argument);
  const auto f = [](const std::vector<Var<S>>& th, int) { return th[0]; };
  EXPECT_THROW(TapeModel<S>("none", TapeModel<S>::Kind::Loss, 0, 3, f), std::invalid_argument);
  EXPECT_THROW(TapeModel<S>("none", TapeModel<S>::Kind::Loss, 1, 0, f), std::invalid_argument);
}
