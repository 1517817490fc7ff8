// theory/losses/modified_field.hpp, for every model kind in every scalar: the taped fields f2 = -(1/2) H g and
// f3 = -(1/12) T[g,g] - (1/3) H^2 g (first- and second-order forward mode on the gradient tape) equal the closed forms
// from the model's Hessian and third derivative; the forward-mode Jacobian of a taped field matches central
// differences; the third-order coefficients are (1, h/2, h^2/12, h^2/3).
#include "theory/losses/modified_field.hpp"

#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class ModifiedFieldInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ModifiedFieldInEveryScalar, ScalarTypes);

TYPED_TEST(ModifiedFieldInEveryScalar, TapedFieldsMatchTheClosedFormsAndTheirJacobianCentralDifferences) {
  using S = TypeParam;
  for (const std::string& kind : model_kinds()) {
    const ModelAt<S> c = model_at<S>(kind);
    const Model<S>& m = *c.p.model;
    const Batch all = m.all_examples();
    const Vec<S> x = c.p.theta0;
    const int d = m.dim();
    // The taped f3 = -(1/12) T[g,g] - (1/3) H^2 g (second-order forward mode, jvp2) equals the closed form from the
    // model's third derivative and Hessian; the taped f2 likewise.
    const S scale3 = std::max(S(1), S(field_f3(m, x, all).norm()));
    EXPECT_LE(S((evaluate(modified_field<S>(m, all, {S(0), S(0), S(1) / 12, S(1) / 3}), x) - field_f3(m, x, all)).norm()) / scale3,
              tol::ulps<S>(64 * d * d))
        << kind << ": taped f3 vs closed form";
    EXPECT_LE(relative_error<S>(evaluate(modified_field<S>(m, all, {S(0), S(1) / 2, S(0), S(0)}), x), field_f2(m, x, all)),
              tol::ulps<S>(64 * d * d))
        << kind << ": taped f2 vs closed form";
    // The forward-mode Jacobian of a taped field against central differences of the field.
    const S h = tol::central_step<S>();
    const Program<S> f3 = modified_field<S>(m, all, {S(0), S(0), S(1) / 12, S(1) / 3});
    Mat<S> J_fd(d, d);
    for (int i = 0; i < d; ++i) J_fd.col(i) = central_difference<Vec<S>, S>([&](const Vec<S>& y) { return Vec<S>(evaluate(f3, y)); }, x, i, h);
    EXPECT_LE(relative_error<S>(jacobian(f3, x), J_fd), tol::central_difference_bound<S>()) << kind << ": AD Jacobian of f3 vs central differences";
    // f = -g with no correction terms.
    EXPECT_LE(relative_error<S>(evaluate(modified_field<S>(m, all, {S(1), S(0), S(0), S(0)}), x), Vec<S>(-m.gradient(x, all))),
              tol::ulps<S>(64 * d))
        << kind;
  }
}

TEST(ModifiedField, ThirdOrderCoefficients) {
  const FieldCoefficients<double> a = third_order_coefficients(0.5);
  EXPECT_EQ(a.g, 1.0);
  EXPECT_EQ(a.Hg, 0.25);
  EXPECT_EQ(a.Tgg, 0.25 / 12);
  EXPECT_EQ(a.HHg, 0.25 / 3);
  const FieldCoefficients<double> b = third_order_coefficients(0.5, 1.0, 2.0);  // a negative control's coefficients
  EXPECT_EQ(b.Tgg, 0.25);
  EXPECT_EQ(b.HHg, 0.5);
}
