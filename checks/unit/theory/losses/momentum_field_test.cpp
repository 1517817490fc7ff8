// theory/losses/momentum_field.hpp in every scalar: the taped momentum field equals -(g + 2 kappa h H g)/(1 - beta)
// from the model's gradient and Hessian (and its negative with sign -1); kappa and the rest-start shift are CLAIMS.md's
// (beta = 1/2: heavy ball kappa 3/2, shift 2; Nesterov kappa 1; PyTorch Nesterov shift 1), exact in every scalar.
#include "theory/losses/momentum_field.hpp"

#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class MomentumFieldInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(MomentumFieldInEveryScalar, ScalarTypes);

TYPED_TEST(MomentumFieldInEveryScalar, TapedFieldIsTheClosedForm) {
  using S = TypeParam;
  const ModelAt<S> c = model_at<S>("diag-uv");
  const Model<S>& m = *c.p.model;
  const Batch all = m.all_examples();
  const Vec<S>& x = c.p.theta0;
  const S h = S(1) / 8, beta = S(3) / 10, kappa = momentum_kappa<S>(Momentum::HeavyBall, beta);
  const Vec<S> g = m.gradient(x, all);
  const Vec<S> want = -(g + 2 * kappa * h * (m.hessian(x, all) * g)) / (1 - beta);
  const S tol = tol::ulps<S>(64 * m.dim()) * std::max(S(1), S(want.norm()));
  EXPECT_LE(S((evaluate(momentum_flow_field<S>(m, all, h, beta, kappa), x) - want).norm()), tol);
  EXPECT_LE(S((evaluate(momentum_flow_field<S>(m, all, h, beta, kappa, -1), x) + want).norm()), tol);
}

TYPED_TEST(MomentumFieldInEveryScalar, CoefficientsAreExact) {
  using S = TypeParam;
  const S half = S(1) / 2;
  EXPECT_EQ(momentum_kappa<S>(Momentum::HeavyBall, half), S(3) / 2);
  EXPECT_EQ(momentum_kappa<S>(Momentum::Sutskever, half), S(1));
  EXPECT_EQ(momentum_kappa<S>(Momentum::PyTorchNesterov, half), S(1));
  EXPECT_EQ(momentum_shift<S>(Momentum::HeavyBall, half), S(2));
  EXPECT_EQ(momentum_shift<S>(Momentum::Sutskever, half), S(2));
  EXPECT_EQ(momentum_shift<S>(Momentum::PyTorchNesterov, half), S(1));
}
