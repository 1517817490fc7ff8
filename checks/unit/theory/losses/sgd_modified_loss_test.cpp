// theory/losses/sgd_modified_loss.hpp in every scalar: the gradient of L + c (eps/m) sum_k |g_k|^2 against central
// differences, its taped field equal to minus it; and the second-order coefficient C2 of the shuffled epoch mean: for
// least squares with m = 2 batches the mean of the two orders is exactly theta0 - 2 eps g + eps^2 C2 (the epoch is
// quadratic in eps).
#include "theory/losses/sgd_modified_loss.hpp"

#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class SgdModifiedLossInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(SgdModifiedLossInEveryScalar, ScalarTypes);

TYPED_TEST(SgdModifiedLossInEveryScalar, GradientMatchesCentralDifferencesAndTheTapedField) {
  using S = TypeParam;
  for (const char* kind : {"least-squares", "diag-uv", "two-layer-tanh"}) {
    const ModelAt<S> c = model_at<S>(kind);
    const Model<S>& m = *c.p.model;
    Partition p;  // one example per batch, in reverse order
    for (int i = m.num_examples() - 1; i >= 0; --i) p.push_back({i});
    const Vec<S> x = c.p.theta0;
    const int d = m.dim();
    const S eps = S(1) / 16, coef = S(1) / 4, h = tol::central_step<S>();
    Vec<S> fd(d);
    for (int i = 0; i < d; ++i)
      fd(i) = central_difference<S, S>([&](const Vec<S>& y) { return sgd_modified_loss(m, p, y, eps, coef); }, x, i, h);
    const Vec<S> grad = sgd_modified_gradient(m, p, x, eps, coef);
    EXPECT_LE(relative_error<S>(grad, fd), tol::central_difference_bound<S>()) << kind;
    EXPECT_LE(relative_error<S>(evaluate(sgd_modified_field(m, p, eps, coef), x), Vec<S>(-grad)), tol::ulps<S>(64 * d * d)) << kind;
  }
}

TYPED_TEST(SgdModifiedLossInEveryScalar, SecondOrderCoefficientIsExactForTwoBatchesOfLeastSquares) {
  using S = TypeParam;
  const Problem<S> pr = build_problem<S>(generate_problem("least-squares", 5, {4, 3, 0}));
  const Model<S>& m = *pr.model;
  const Partition p = {{0, 2}, {3, 1}};
  const Vec<S>& x = pr.theta0;
  const S eps = S(1) / 8;
  const auto step = [&](const Vec<S>& th, int k) { return Vec<S>(th - eps * m.gradient(th, p[k])); };
  const Vec<S> mean = (step(step(x, 0), 1) + step(step(x, 1), 0)) / S(2);
  const Vec<S> expect = x - 2 * eps * m.gradient(x, m.all_examples()) + eps * eps * sgd_second_order_coefficient(m, p, x);
  EXPECT_LE(S((mean - expect).norm()), tol::ulps<S>(64) * std::max(S(1), S(x.norm())));
  // And C2 is not zero here: the test sees the eps^2 term.
  EXPECT_GT(S(sgd_second_order_coefficient(m, p, x).norm()), S(1) / 1000);
}
