// Every model's closed-form derivatives against central differences, in double and 50 digits
// (STYLE.md lesson 8): gradient vs loss, Hessian vs gradient, T[u, v] vs Hessian; the taped
// gradient and the taped IGR field against the closed forms; minibatch means.
#include "checks/framework/central_difference.hpp"
#include "checks/framework/tolerance.hpp"
#include "theory/losses/igr_modified_loss.hpp"
#include "theory/losses/modified_field.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {

template <class S> struct ModelAt {
  Problem<S> p;
  Vec<S> u, v;  // directions for T[u, v]
};

// A point away from the ReLU kinks: theta0 of the built-in instance (the generator draws on a grid; the
// check below verifies the kink distance).
template <class S> ModelAt<S> model_at(const std::string& kind) {
  ModelAt<S> c{build_problem<S>(generate_problem(kind, 7)), {}, {}};
  const int d = c.p.model->dim();
  c.u = Vec<S>(d);
  c.v = Vec<S>(d);
  for (int i = 0; i < d; ++i) {
    c.u(i) = S(i % 3 + 1) / 4 - S(1) / 3;
    c.v(i) = S(1) / (i + 2);
  }
  return c;
}

template <class S> S rel_err(const Mat<S>& a, const Mat<S>& b) {
  return S((a - b).norm()) / std::max(S(1), S(b.norm()));
}


template <class S> void check_all(const std::string& kind) {
  ModelAt<S> c = model_at<S>(kind);
  const Model<S>& m = *c.p.model;
  const Batch all = m.all_examples();
  const Vec<S> x = c.p.theta0;
  const int d = m.dim();
  const S h = tol::central_step<S>();
  const S bound = tol::central_difference_bound<S>();

  Vec<S> g_fd(d);
  Mat<S> H_fd(d, d);
  Vec<S> T_fd(d);
  const Mat<S> H = m.hessian(x, all);
  for (int i = 0; i < d; ++i) {
    g_fd(i) = central_difference<S, S>([&](const Vec<S>& y) { return m.loss(y, all); }, x, i, h);
    H_fd.col(i) = central_difference<Vec<S>, S>([&](const Vec<S>& y) { return Vec<S>(m.gradient(y, all)); }, x, i, h);
    // d/dtheta_i of u'H(theta)v = T[u, v]_i.
    T_fd(i) = central_difference<S, S>([&](const Vec<S>& y) { return S(c.u.dot(m.hessian(y, all) * c.v)); }, x, i, h);
  }
  EXPECT_LE(rel_err<S>(m.gradient(x, all), g_fd), bound) << kind << ": gradient vs central difference of the loss";
  EXPECT_LE(rel_err<S>(H, H_fd), bound) << kind << ": Hessian vs central difference of the gradient";
  EXPECT_LE(rel_err<S>(m.third(x, c.u, c.v, all), T_fd), bound) << kind << ": T[u,v] vs central difference of u'Hv";
  EXPECT_LE(rel_err<S>(H, Mat<S>(H.transpose())), tol::ulps<S>(64 * d)) << kind << ": Hessian symmetric to rounding";
  // T[u, v] is symmetric in (u, v): exact up to rounding of O(d) sums.
  EXPECT_LE(rel_err<S>(m.third(x, c.u, c.v, all), m.third(x, c.v, c.u, all)), tol::ulps<S>(64 * d)) << kind;

  // The taped gradient and the taped IGR field equal the closed forms to rounding (64 d ulps: sums of O(d) terms).
  EXPECT_LE(rel_err<S>(evaluate(m.gradient_program(all), x), m.gradient(x, all)), tol::ulps<S>(64 * d)) << kind;
  const S hh = S(1) / 8, coef = S(1) / 4;
  EXPECT_LE(rel_err<S>(evaluate(igr_flow_field(m, hh, coef, all), x), Vec<S>(-igr_modified_gradient(m, x, hh, coef, all))),
            tol::ulps<S>(64 * d * d))
      << kind << ": taped Hg (forward mode over the tape) vs closed-form Hessian times g";
  // The modified loss's gradient is the closed form g + 2ch Hg (central difference of L + ch|g|^2).
  Vec<S> mg_fd(d);
  for (int i = 0; i < d; ++i)
    mg_fd(i) = central_difference<S, S>([&](const Vec<S>& y) { return igr_modified_loss(m, y, hh, coef, all); }, x, i, h);
  EXPECT_LE(rel_err<S>(igr_modified_gradient(m, x, hh, coef, all), mg_fd), bound) << kind;

  // The taped f3 = -(1/12) T[g,g] - (1/3) H^2 g (second-order forward mode, jvp2) equals the closed form from the
  // model's third derivative and Hessian; the taped f2 likewise.
  const S scale3 = std::max(S(1), S(field_f3(m, x, all).norm()));
  EXPECT_LE(S((evaluate(modified_field<S>(m, all, {S(0), S(0), S(1) / 12, S(1) / 3}), x) - field_f3(m, x, all)).norm()) / scale3,
            tol::ulps<S>(64 * d * d))
      << kind << ": taped f3 vs closed form";
  EXPECT_LE(rel_err<S>(evaluate(modified_field<S>(m, all, {S(0), S(1) / 2, S(0), S(0)}), x), field_f2(m, x, all)),
            tol::ulps<S>(64 * d * d))
      << kind << ": taped f2 vs closed form";
  // The forward-mode Jacobian of a taped field against central differences of the field.
  const Program<S> f3 = modified_field<S>(m, all, {S(0), S(0), S(1) / 12, S(1) / 3});
  Mat<S> J_fd(d, d);
  for (int i = 0; i < d; ++i) J_fd.col(i) = central_difference<Vec<S>, S>([&](const Vec<S>& y) { return Vec<S>(evaluate(f3, y)); }, x, i, h);
  EXPECT_LE(rel_err<S>(jacobian(f3, x), J_fd), bound) << kind << ": AD Jacobian of f3 vs central differences";

  // Minibatch: the full-batch gradient is the mean of the per-example gradients.
  Vec<S> mean = Vec<S>::Zero(d);
  for (int i = 0; i < m.num_examples(); ++i) mean += m.gradient(x, Batch{i});
  mean /= S(m.num_examples());
  EXPECT_LE(rel_err<S>(mean, m.gradient(x, all)), tol::ulps<S>(64 * m.num_examples())) << kind;
}

}  // namespace

class DerivativesDouble : public ::testing::TestWithParam<std::string> {};
class DerivativesMp50 : public ::testing::TestWithParam<std::string> {};

TEST_P(DerivativesDouble, ClosedFormsMatchCentralDifferences) { check_all<double>(GetParam()); }
TEST_P(DerivativesMp50, ClosedFormsMatchCentralDifferences) { check_all<mp50>(GetParam()); }

INSTANTIATE_TEST_SUITE_P(AllModels, DerivativesDouble, ::testing::ValuesIn(model_kinds()),
                         [](const auto& info) { std::string s = info.param; for (auto& ch : s) if (ch == '-') ch = '_'; return s; });
INSTANTIATE_TEST_SUITE_P(AllModels, DerivativesMp50, ::testing::ValuesIn(model_kinds()),
                         [](const auto& info) { std::string s = info.param; for (auto& ch : s) if (ch == '-') ch = '_'; return s; });

TEST(ReluModel, BuiltInPointIsAwayFromKinks) {
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

// linear2 / relu2: theta <-> (W1, W2) round trip exactly, and a single example's gradient matrices are rank one
// (dW1 = D W2' r x', dW2 = r a': every 2 x 2 minor vanishes to rounding), the structure RANK-1 rests on. At a relu2
// kink (z_j = 0) the one-sided derivative 0 is used: row j of dW1 is zero.
TEST(MatrixNet, WeightsRoundTripAndOneExampleGradientsAreRankOne) {
  for (const char* kind : {"linear2", "relu2"}) {
    const Problem<mp50> p = build_problem<mp50>(generate_problem(kind, 3));
    const auto& m = dynamic_cast<const MatrixNet<mp50>&>(*p.model);
    EXPECT_EQ(m.theta(m.W1(p.theta0), m.W2(p.theta0)), p.theta0) << kind;
    for (int i = 0; i < m.num_examples(); ++i) {
      const Vec<mp50> g = m.gradient(p.theta0, Batch{i});
      for (const Mat<mp50>& G : {m.W1(g), m.W2(g)}) {
        mp50 worst(0);
        for (int a = 0; a < G.rows(); ++a)
          for (int c = a + 1; c < G.rows(); ++c)
            for (int b = 0; b < G.cols(); ++b)
              for (int d = b + 1; d < G.cols(); ++d) worst = std::max(worst, mp50(abs(G(a, b) * G(c, d) - G(a, d) * G(c, b))));
        EXPECT_LE(to_double(worst), to_double(mp50(64 * eps<mp50>() * G.squaredNorm()))) << kind << " example " << i;
      }
    }
  }
  // One output: a scalar regression model, l_i = r_i^2 / 2 and grad l_i = r_i v_i; more: refused with a reason.
  GeneratorOptions one;
  one.outputs = 1;
  const Problem<mp50> p1 = build_problem<mp50>(generate_problem("linear2", 3, one));
  for (int i = 0; i < p1.model->num_examples(); ++i) {
    const mp50 r = p1.model->residual(p1.theta0, i);
    EXPECT_LE(to_double(mp50(abs(r * r / 2 - p1.model->loss(p1.theta0, Batch{i})))), 1e-45);
    EXPECT_LE(to_double(mp50((r * p1.model->output_gradient(p1.theta0, i) - p1.model->gradient(p1.theta0, Batch{i})).norm())), 1e-45);
  }
  const Problem<double> p = build_problem<double>(generate_problem("relu2", 3));
  const auto& m = dynamic_cast<const MatrixNet<double>&>(*p.model);
  EXPECT_THROW(m.residual(p.theta0, 0), std::logic_error);
  Mat<double> W1 = m.W1(p.theta0);
  W1.row(0).setZero();  // z_0 = 0 for every example
  const Vec<double> g = m.gradient(m.theta(W1, m.W2(p.theta0)), m.all_examples());
  EXPECT_EQ(m.W1(g).row(0).norm(), 0.0);
  EXPECT_EQ(m.W2(g).col(0).norm(), 0.0);
}
