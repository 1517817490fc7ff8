// theory/bseries/elementary.hpp in every scalar: the elementary differentials of the gradient field f = -g of a model
// (g = grad L, H its Hessian, T[u, v] = Model::third) equal the closed forms
//   F(•) = -g,  F([•]) = f'f = H g,  F([•,•]) = f''(f,f) = -T[g,g],  F([[•]]) = f'f'f = -H H g,
//   F([[•],•]) = f''(f'f, f) = T[Hg, g],  F([•,•,•]) = f'''(f,f,f) = D4L[g,g,g]  (a central difference of T, mp50),
// of two colours (batches: the first half of the examples, the second half) F([•1]0) = f_0'f_1 = H_0 g_1 and more;
// record() on a tape and evaluate() at a point agree, and series_field() is the weighted sum of its terms (and, with
// the coefficients of GD's modified equation, theory/losses/modified_field.hpp's independent recording).
#include "theory/bseries/elementary.hpp"

#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"
#include "theory/losses/modified_field.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

using namespace irverify;
using bseries::ConcreteTree;
using bseries::ElementaryDifferentials;

namespace {

// Trees in preorder (parent, colour); one colour unless given.
ConcreteTree tree(std::vector<int> parent, std::vector<int> colour = {}) {
  if (colour.empty()) colour.assign(parent.size(), 0);
  return ConcreteTree{std::move(parent), std::move(colour)};
}
const ConcreteTree kDot = tree({-1});             // •
const ConcreteTree kBush1 = tree({-1, 0});        // [•]
const ConcreteTree kBush2 = tree({-1, 0, 0});     // [•, •]
const ConcreteTree kTall = tree({-1, 0, 1});      // [[•]]
const ConcreteTree kMixed = tree({-1, 0, 1, 0});  // [[•], •]
const ConcreteTree kBush3 = tree({-1, 0, 0, 0});  // [•, •, •]

const std::vector<std::string> kModels = {"diag-uv", "two-layer-tanh", "least-squares"};

// Batches {first half}, {second half} of the examples (the first gets the middle example of an odd count).
std::vector<Batch> halves(int n) {
  std::vector<Batch> b(2);
  for (int i = 0; i < n; ++i) b[2 * i < n ? 0 : 1].push_back(i);
  return b;
}

// Rounding of a tape against a closed form: each entry of F(t) for a tree of up to 4 nodes is a sum of O(d) products
// of O(1) factors, through at most two nested products by H or T (each a sum of O(d) terms), summed in another order
// than the closed form's; 64 d ulps of max(1, |closed form|), as the models' own taped-gradient check, bound it with a
// margin (measured: below 1 ulp in every scalar).
template <class S> S closed_form_tol(int d) { return tol::ulps<S>(64 * d); }

}  // namespace

template <class S> class ElementaryDifferentialsInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ElementaryDifferentialsInEveryScalar, ScalarTypes);

TYPED_TEST(ElementaryDifferentialsInEveryScalar, GradientFieldTreesAreTheClosedForms) {
  using S = TypeParam;
  for (const std::string& kind : kModels) {
    const ModelAt<S> mc = model_at<S>(kind);
    const Model<S>& m = *mc.p.model;
    const Batch all = m.all_examples();
    const Vec<S>& x = mc.p.theta0;
    const int d = m.dim();
    const ElementaryDifferentials<S> F(bseries::gradient_fields(m, {all}), 3);
    ASSERT_EQ(F.dim(), d);
    ASSERT_EQ(F.colours(), 1);
    const Vec<S> g = m.gradient(x, all);
    const Mat<S> H = m.hessian(x, all);
    const Vec<S> Hg = H * g;
    const S tol = closed_form_tol<S>(d);
    EXPECT_LE(relative_error<S>(F.evaluate(x, kDot), Vec<S>(-g)), tol) << kind << ": F(•) = -g";
    EXPECT_LE(relative_error<S>(F.evaluate(x, kBush1), Hg), tol) << kind << ": F([•]) = H g";
    EXPECT_LE(relative_error<S>(F.evaluate(x, kBush2), Vec<S>(-m.third(x, g, g, all))), tol)
        << kind << ": F([•,•]) = -T[g,g]";
    EXPECT_LE(relative_error<S>(F.evaluate(x, kTall), Vec<S>(-(H * Hg))), tol) << kind << ": F([[•]]) = -H H g";
    // f'' = -T and f = -g: f''(f'f, f) = -T[Hg, -g] = +T[Hg, g].
    EXPECT_LE(relative_error<S>(F.evaluate(x, kMixed), m.third(x, Hg, g, all)), tol)
        << kind << ": F([[•],•]) = T[Hg,g]";
    // The children's order does not matter (f'' symmetric): [•, [•]] is the same tree.
    EXPECT_LE(relative_error<S>(F.evaluate(x, tree({-1, 0, 0, 2})), F.evaluate(x, kMixed)), tol) << kind << ": [•,[•]]";
  }
}

TYPED_TEST(ElementaryDifferentialsInEveryScalar, TwoColoursTakeTheFieldOfEachNode) {
  using S = TypeParam;
  for (const std::string& kind : kModels) {
    const ModelAt<S> mc = model_at<S>(kind);
    const Model<S>& m = *mc.p.model;
    const std::vector<Batch> b = halves(m.num_examples());
    const Vec<S>& x = mc.p.theta0;
    const int d = m.dim();
    const ElementaryDifferentials<S> F(bseries::gradient_fields(m, b), 2);
    ASSERT_EQ(F.colours(), 2);
    const Vec<S> g0 = m.gradient(x, b[0]), g1 = m.gradient(x, b[1]);
    const Mat<S> H0 = m.hessian(x, b[0]), H1 = m.hessian(x, b[1]);
    const S tol = closed_form_tol<S>(d);
    EXPECT_LE(relative_error<S>(F.evaluate(x, tree({-1}, {1})), Vec<S>(-g1)), tol) << kind << ": F(•1) = -g_1";
    EXPECT_LE(relative_error<S>(F.evaluate(x, tree({-1, 0}, {0, 1})), Vec<S>(H0 * g1)), tol)
        << kind << ": F([•1]0) = H_0 g_1";
    EXPECT_LE(relative_error<S>(F.evaluate(x, tree({-1, 0}, {1, 0})), Vec<S>(H1 * g0)), tol)
        << kind << ": F([•0]1) = H_1 g_0";
    // f_0' f_1' f_0 = -H_0 H_1 g_0;  f_1''(f_0, f_1) = -T_1[g_0, g_1].
    EXPECT_LE(relative_error<S>(F.evaluate(x, tree({-1, 0, 1}, {0, 1, 0})), Vec<S>(-(H0 * (H1 * g0)))), tol)
        << kind << ": F([[•0]1]0) = -H_0 H_1 g_0";
    EXPECT_LE(relative_error<S>(F.evaluate(x, tree({-1, 0, 0}, {1, 0, 1})), Vec<S>(-m.third(x, g0, g1, b[1]))), tol)
        << kind << ": F([•0,•1]1) = -T_1[g_0,g_1]";
  }
}

// record() on a caller's tape, then evaluated, equals evaluate() at the point: the same operations in the same order
// (replaying a tape on constants folds exactly as recording on constants does), so up to 4 ulps of the size.
TYPED_TEST(ElementaryDifferentialsInEveryScalar, RecordAndEvaluateAgree) {
  using S = TypeParam;
  const ModelAt<S> mc = model_at<S>("two-layer-tanh");
  const Model<S>& m = *mc.p.model;
  const Vec<S>& x = mc.p.theta0;
  const ElementaryDifferentials<S> F(bseries::gradient_fields(m, halves(m.num_examples())), 3);
  for (const ConcreteTree& t : {kDot, kBush1, kBush2, kTall, kMixed, kBush3, tree({-1, 0, 1, 0}, {1, 0, 1, 1})}) {
    Program<S> p;
    const std::vector<Var<S>> in = p.make_inputs(F.dim());
    p.outputs = F.record(in, t);
    const Vec<S> at = F.evaluate(x, t);
    EXPECT_LE(S((evaluate(p, x) - at).norm()), tol::ulps<S>(4) * std::max(S(1), S(at.norm())));
  }
}

// series_field = sum_j c_j F(t_j) at a point (the same F's, summed in the same order: 16 ulps of the sum of the
// terms' sizes); with GD's modified-equation coefficients f - (h/2) f'f + h^2 ((1/12) f''(f,f) + (1/3) f'f'f) it is
// modified_field(m, all, third_order_coefficients(h)), recorded independently (jvp, jvp2): closed_form_tol.
TYPED_TEST(ElementaryDifferentialsInEveryScalar, SeriesFieldIsTheWeightedSum) {
  using S = TypeParam;
  for (const std::string& kind : kModels) {
    const ModelAt<S> mc = model_at<S>(kind);
    const Model<S>& m = *mc.p.model;
    const Batch all = m.all_examples();
    const Vec<S>& x = mc.p.theta0;
    const ElementaryDifferentials<S> F(bseries::gradient_fields(m, {all}), 3);
    const std::vector<std::pair<S, ConcreteTree>> terms = {
        {S(1), kDot}, {S(-1) / 3, kBush1}, {S(0), kTall}, {S(5) / 7, kMixed}, {S(1) / 24, kBush3}, {S(-2), kBush1}};
    Vec<S> sum = Vec<S>::Zero(F.dim());
    S size = 0;
    for (const auto& [c, t] : terms) {
      const Vec<S> term = c * F.evaluate(x, t);
      sum += term;
      size += term.norm();
    }
    const Program<S> p = bseries::series_field(F, terms);
    EXPECT_EQ(p.num_inputs(), F.dim());
    EXPECT_LE(S((evaluate(p, x) - sum).norm()), tol::ulps<S>(16) * std::max(S(1), size)) << kind;

    const S h = S(1) / 8;
    const Program<S> gd =
        bseries::series_field(F, {{S(1), kDot}, {-h / 2, kBush1}, {h * h / 12, kBush2}, {h * h / 3, kTall}});
    EXPECT_LE(relative_error<S>(evaluate(gd, x), evaluate(modified_field(m, all, third_order_coefficients(h)), x)),
              closed_form_tol<S>(F.dim()))
        << kind << ": GD's modified field to h^2";
  }
}

TYPED_TEST(ElementaryDifferentialsInEveryScalar, RejectsWhatItWasNotPreparedFor) {
  using S = TypeParam;
  const ModelAt<S> mc = model_at<S>("diag-uv");
  const Model<S>& m = *mc.p.model;
  const ElementaryDifferentials<S> F(bseries::gradient_fields(m, {m.all_examples()}), 2);
  const Vec<S>& x = mc.p.theta0;
  EXPECT_THROW(F.evaluate(x, kBush3), std::out_of_range);             // 3 children, prepared up to 2
  EXPECT_THROW(F.evaluate(x, tree({-1}, {1})), std::out_of_range);    // one colour only
  EXPECT_THROW(F.evaluate(x, tree({-1, 1})), std::invalid_argument);  // not in preorder
  EXPECT_THROW(F.evaluate(Vec<S>(Vec<S>::Zero(m.dim() + 1)), kDot), std::invalid_argument);
}

// F([•,•,•]) = f'''(f,f,f) = -D4L[-g,-g,-g] = D4L[g,g,g], the one tree here with no closed form in the models, against
// the central difference of s -> T(x + s g)[g,g] with step h = cbrt(eps) / max(1, |g|) (at most cbrt(eps) along g's
// unit direction). Its error is truncation h^2 |D6L[g,...,g]| / 6 plus rounding eps |T[g,g]| / h, so the bound is
// tol::central_difference_bound's C (h^2 + eps/h), scaled by max(1, |g|^3) for the three factors g (C = 64 covers
// those derivatives' sizes on these O(1) instances: |g| < 1, measured error 2e-35 against the bound 4e-32). In mp50
// only: there h ~ 2e-17 and the reference is good to ~eps^(2/3) ~ 1e-33, so the third-order tape Q_3 is checked to
// about 30 digits. (The same bound also holds in double and quad: measured 6e-12 against 5e-9, 3e-24 against 4e-21.)
TEST(ElementaryDifferentialsMp50, ThirdDerivativeTreeIsACentralDifferenceOfT) {
  using S = mp50;
  for (const std::string& kind : kModels) {
    const ModelAt<S> mc = model_at<S>(kind);
    const Model<S>& m = *mc.p.model;
    const Batch all = m.all_examples();
    const Vec<S>& x = mc.p.theta0;
    const ElementaryDifferentials<S> F(bseries::gradient_fields(m, {all}), 3);
    const Vec<S> g = m.gradient(x, all);
    const S gn = g.norm();
    const S h = tol::central_step<S>() / std::max(S(1), gn);
    const Vec<S> xp = x + h * g, xm = x - h * g;
    const Vec<S> fd = (m.third(xp, g, g, all) - m.third(xm, g, g, all)) / (2 * h);
    const Vec<S> F3 = F.evaluate(x, kBush3);
    const S scale = std::max(S(1), S(gn * gn * gn));
    EXPECT_LE(S((F3 - fd).norm()), tol::central_difference_bound<S>() * scale) << kind << ": F([•,•,•]) = D4L[g,g,g]";
    // Least squares is quadratic: D4L = 0 and the tape folds Q_3 to the constant 0. Elsewhere the check is not empty.
    if (kind == "least-squares")
      EXPECT_EQ(S(F3.norm()), S(0)) << kind;
    else
      EXPECT_GT(S(F3.norm()), S(0)) << kind << ": a nonzero fourth derivative";
  }
}
