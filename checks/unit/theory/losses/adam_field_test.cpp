// theory/losses/adam_field.hpp in every scalar: the taped Adam field equals the closed form from the model's gradient
// and Hessian, eps inside and outside the root, and its control coefficients (a - r, -c, 0, GD's (h/2) H g).
#include "theory/losses/adam_field.hpp"

#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class AdamFieldInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(AdamFieldInEveryScalar, ScalarTypes);

TYPED_TEST(AdamFieldInEveryScalar, TapedFieldIsTheClosedForm) {
  using S = TypeParam;
  using std::abs;
  using std::sqrt;
  const ModelAt<S> mc = model_at<S>("diag-uv");
  const Model<S>& m = *mc.p.model;
  const Batch all = m.all_examples();
  const Vec<S>& x = mc.p.theta0;
  const Vec<S> g = m.gradient(x, all);
  const Mat<S> H = m.hessian(x, all);
  const S h = S(1) / 16, ar = S(1), rr = S(3) / 2;  // beta = 1/2, rho = 3/5
  for (bool inside : {true, false})
    for (AdamCoefficient which : {AdamCoefficient::derived, AdamCoefficient::small_eps, AdamCoefficient::flipped,
                                  AdamCoefficient::zero, AdamCoefficient::gd}) {
      const AdamHyper<S> a{S(1) / 2, S(3) / 5, S(1) / 10, inside};
      const int n = m.dim();
      Vec<S> den(n), F(n), want(n);
      for (int j = 0; j < n; ++j) {
        den(j) = inside ? S(sqrt(S(g(j) * g(j) + a.eps))) : S(abs(g(j)) + a.eps);
        F(j) = which == AdamCoefficient::gd ? g(j) : S(g(j) / den(j));
      }
      const Vec<S> HF = H * F;
      for (int j = 0; j < n; ++j) {
        S c = inside ? S(((ar - rr) * g(j) * g(j) + (ar + S(1) / 2) * a.eps) / (g(j) * g(j) + a.eps))
                     : S(ar - rr * abs(g(j)) / den(j) + a.eps / (2 * den(j)));
        if (which == AdamCoefficient::small_eps) c = ar - rr;
        if (which == AdamCoefficient::flipped) c = -c;
        if (which == AdamCoefficient::zero) c = 0;
        if (which == AdamCoefficient::gd) c = S(1) / 2;
        want(j) = -(g(j) + h * c * HF(j)) / den(j);
      }
      const S err = S((evaluate(adam_flow_field<S>(m, all, h, a, which), x) - want).norm());
      EXPECT_LE(err, tol::ulps<S>(256 * n) * std::max(S(1), S(want.norm()))) << inside << " " << static_cast<int>(which);
    }
}
