// theory/losses/igr_modified_loss.hpp, for every model kind in every scalar: the modified loss L + c h |g|^2 as
// written, its closed-form gradient g + 2 c h H g against central differences of it, the taped field of its flow
// equal to minus that gradient (forward mode over the tape) and the taped gradient-flow field equal to -g.
#include "theory/losses/igr_modified_loss.hpp"

#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class IgrModifiedLossInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(IgrModifiedLossInEveryScalar, ScalarTypes);

TYPED_TEST(IgrModifiedLossInEveryScalar, GradientAndTapedFieldsMatchTheClosedForms) {
  using S = TypeParam;
  for (const std::string& kind : model_kinds()) {
    const ModelAt<S> c = model_at<S>(kind);
    const Model<S>& m = *c.p.model;
    const Batch all = m.all_examples();
    const Vec<S> x = c.p.theta0;
    const int d = m.dim();
    const S h = tol::central_step<S>(), hh = S(1) / 8, coef = S(1) / 4;
    const Vec<S> g = m.gradient(x, all);
    EXPECT_SCALAR_NEAR(igr_modified_loss(m, x, hh, coef, all), S(m.loss(x, all) + coef * hh * g.squaredNorm()), tol::ulps<S>(4),
                       tol::ulps<S>(4))
        << kind;
    EXPECT_LE(relative_error<S>(evaluate(gradient_flow_field(m, all), x), Vec<S>(-g)), tol::ulps<S>(64 * d)) << kind;
    EXPECT_LE(relative_error<S>(evaluate(igr_flow_field(m, hh, coef, all), x), Vec<S>(-igr_modified_gradient(m, x, hh, coef, all))),
              tol::ulps<S>(64 * d * d))
        << kind << ": taped Hg (forward mode over the tape) vs closed-form Hessian times g";
    // The modified loss's gradient is the closed form g + 2ch Hg (central difference of L + ch|g|^2).
    Vec<S> mg_fd(d);
    for (int i = 0; i < d; ++i)
      mg_fd(i) = central_difference<S, S>([&](const Vec<S>& y) { return igr_modified_loss(m, y, hh, coef, all); }, x, i, h);
    EXPECT_LE(relative_error<S>(igr_modified_gradient(m, x, hh, coef, all), mg_fd), tol::central_difference_bound<S>()) << kind;
  }
}
