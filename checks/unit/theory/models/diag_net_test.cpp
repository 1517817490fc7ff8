// theory/models/diag_net.hpp: diagonal linear networks in every scalar: beta = u (.) v (diag-uv, two-param) or
// u (.) u - v (.) v (diag-uu-vv), the loss the squared residual of <beta, x>, the closed forms against central
// differences; two-param takes exactly one feature.
#include "theory/models/diag_net.hpp"

#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class DiagNetInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(DiagNetInEveryScalar, ScalarTypes);

TYPED_TEST(DiagNetInEveryScalar, DiagUvClosedFormsMatchCentralDifferences) {
  expect_closed_forms_match_central_differences<TypeParam>("diag-uv");
}
TYPED_TEST(DiagNetInEveryScalar, DiagUuVvClosedFormsMatchCentralDifferences) {
  expect_closed_forms_match_central_differences<TypeParam>("diag-uu-vv");
}
TYPED_TEST(DiagNetInEveryScalar, TwoParamClosedFormsMatchCentralDifferences) {
  expect_closed_forms_match_central_differences<TypeParam>("two-param");
}

TYPED_TEST(DiagNetInEveryScalar, BetaResidualsAndLossAsWritten) {
  using S = TypeParam;
  using std::abs;
  Mat<S> X(2, 2);
  X << S(1), S(-2), S(1) / 2, S(3);
  Vec<S> y(2);
  y << S(1), S(-1);
  Vec<S> th(4);  // u = (u1, u2), v = (v1, v2)
  th << S(3) / 4, S(-1) / 2, S(2), S(1) / 4;
  const DiagNet<S> uv(DiagKind::UV, X, y), uuvv(DiagKind::UUVV, X, y);
  EXPECT_EQ(uv.kind(), "diag-uv");
  EXPECT_EQ(uuvv.kind(), "diag-uu-vv");
  EXPECT_EQ(uv.dim(), 4);
  EXPECT_EQ(uv.beta(th), (Vec<S>(2) << S(3) / 2, S(-1) / 8).finished());
  EXPECT_EQ(uuvv.beta(th), (Vec<S>(2) << S(9) / 16 - 4, S(1) / 4 - S(1) / 16).finished());
  S loss(0);
  for (int i = 0; i < 2; ++i) {
    const S r = S(X.row(i).dot(uv.beta(th))) - y(i);
    EXPECT_EQ(uv.residual(th, i), r);
    loss += r * r / 2;
  }
  EXPECT_SCALAR_NEAR(uv.loss(th, uv.all_examples()), S(loss / 2), tol::ulps<S>(64), tol::ulps<S>(64));
  Mat<S> X1(2, 1);
  X1 << S(1), S(2);
  const DiagNet<S> two(DiagKind::TwoParam, X1, y);
  EXPECT_EQ(two.kind(), "two-param");
  EXPECT_EQ(two.dim(), 2);
  EXPECT_THROW(DiagNet<S>(DiagKind::TwoParam, X, y), std::invalid_argument);
}

// The batch forms label-noise SGD steps with (residuals, add_output_gradients: per example, no Jacobian) agree with
// residual and output_gradient example by example, a repeated index included, to rounding (16 ulps of the terms).
TYPED_TEST(DiagNetInEveryScalar, BatchResidualsAndOutputGradientsMatchThePerExampleOnes) {
  using S = TypeParam;
  Mat<S> X(3, 2);
  X << S(1), S(-2), S(1) / 2, S(3), S(-3) / 4, S(5) / 3;
  Vec<S> y(3);
  y << S(1), S(-1), S(2) / 7;
  Mat<S> X1 = X.leftCols(1);
  Vec<S> th(4), th1(2);
  th << S(3) / 4, S(-1) / 2, S(2), S(1) / 4;
  th1 << S(-5) / 4, S(2) / 3;
  const std::vector<std::uint32_t> idx = {2, 0, 2};
  Vec<S> c(3);
  c << S(1) / 3, S(-2), S(5) / 7;
  const DiagNet<S> uv(DiagKind::UV, X, y), uuvv(DiagKind::UUVV, X, y), two(DiagKind::TwoParam, X1, y);
  for (const auto& [m, t] : {std::pair<const DiagNet<S>*, const Vec<S>*>{&uv, &th}, {&uuvv, &th}, {&two, &th1}}) {
    Vec<S> r(3);
    m->residuals(*t, idx, r);
    Vec<S> out = Vec<S>::Ones(m->dim()), expected = out;
    m->add_output_gradients(*t, idx, c, out);
    for (int j = 0; j < 3; ++j) {
      EXPECT_SCALAR_NEAR(r(j), m->residual(*t, static_cast<int>(idx[j])), tol::ulps<S>(16), tol::ulps<S>(16) * 8);
      expected += c(j) * m->output_gradient(*t, static_cast<int>(idx[j]));
    }
    for (int k = 0; k < m->dim(); ++k) EXPECT_SCALAR_NEAR(out(k), expected(k), tol::ulps<S>(16), tol::ulps<S>(16) * 32);
  }
}
