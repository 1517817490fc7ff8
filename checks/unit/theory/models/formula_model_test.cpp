// theory/models/formula_model.hpp: the diag-uv network written as a formula is the built-in DiagNet in every scalar:
// loss, gradient, Hessian, T[u, v], residuals and output gradients agree to rounding (the tape's order of operations
// differs from the closed forms'), on a batch and on all examples.
#include "theory/models/formula_model.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/models/diag_net.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class FormulaModelInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(FormulaModelInEveryScalar, ScalarTypes);

TYPED_TEST(FormulaModelInEveryScalar, DiagUvFormulaIsTheBuiltIn) {
  using S = TypeParam;
  using std::abs;
  const int n = 4, p = 3;
  Mat<S> X(n, p);
  Vec<S> y(n), th(2 * p), a(2 * p), b(2 * p);
  std::vector<S> rows;
  for (int i = 0; i < n; ++i) {
    for (int k = 0; k < p; ++k) X(i, k) = S(((i + 2) * (k + 3)) % 7 - 3) / 4, rows.push_back(X(i, k));
    y(i) = S(i % 3 - 1) / 2;
    rows.push_back(y(i));
  }
  for (int k = 0; k < 2 * p; ++k) th(k) = S(k % 5 - 2) / 3 + S(1) / 8, a(k) = S(k + 1) / 7, b(k) = S(3 - k) / 5;
  const DiagNet<S> built_in(DiagKind::UV, X, y);
  const auto f = std::make_shared<const Formula>("sum(k, u[k] * v[k] * x[k]) - y",
                                                  FormulaSymbols{{{"u", p}, {"v", p}}, {{"x", p}, {"y", 0}}});
  const std::unique_ptr<Model<S>> formula = formula_model<S>(f, true, 2 * p, n, rows, p + 1);
  EXPECT_EQ(formula->kind(), "formula");
  EXPECT_TRUE(formula->smooth());
  const S tol = tol::ulps<S>(256);  // a few dozen roundings of O(1) terms, in either order
  for (const Batch& batch : {Batch{1, 3}, built_in.all_examples()}) {
    EXPECT_LE(S(abs(S(formula->loss(th, batch) - built_in.loss(th, batch)))), tol);
    EXPECT_LE(S((formula->gradient(th, batch) - built_in.gradient(th, batch)).norm()), tol);
    EXPECT_LE(S((formula->hessian(th, batch) - built_in.hessian(th, batch)).norm()), tol);
    EXPECT_LE(S((formula->third(th, a, b, batch) - built_in.third(th, a, b, batch)).norm()), tol);
  }
  for (int i = 0; i < n; ++i) {
    EXPECT_LE(S(abs(S(formula->residual(th, i) - built_in.residual(th, i)))), tol);
    EXPECT_LE(S((formula->output_gradient(th, i) - built_in.output_gradient(th, i)).norm()), tol);
  }
}
