// What the model tests share (STYLE.md lessons 5 and 8): a built-in instance of a model kind at a point away from the
// ReLU kinks, with two directions for T[u, v], and the claim every model's closed forms must meet, written once:
// gradient vs central differences of the loss, Hessian vs central differences of the gradient, T[u, v] vs central
// differences of u'Hv, symmetry of H and of T, the taped gradient equal to the closed form, and the full-batch gradient
// the mean of the per-example ones. Used by the tests of every model header (theory/models/) and of the losses.
#pragma once

#include "checks/framework/central_difference.hpp"
#include "checks/framework/tolerance.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace irverify {

template <class S> struct ModelAt {
  Problem<S> p;
  Vec<S> u, v;  // directions for T[u, v]
};

// theta0 of the generated instance (seed 7): the generator draws on a grid; TwoLayer's test checks the kink distance.
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

// |a - b| / max(1, |b|) (Frobenius).
template <class S> S relative_error(const Mat<S>& a, const Mat<S>& b) {
  return S((a - b).norm()) / std::max(S(1), S(b.norm()));
}

template <class S> void expect_closed_forms_match_central_differences(const std::string& kind) {
  const ModelAt<S> c = model_at<S>(kind);
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
  EXPECT_LE(relative_error<S>(m.gradient(x, all), g_fd), bound) << kind << ": gradient vs central difference of the loss";
  EXPECT_LE(relative_error<S>(H, H_fd), bound) << kind << ": Hessian vs central difference of the gradient";
  EXPECT_LE(relative_error<S>(m.third(x, c.u, c.v, all), T_fd), bound) << kind << ": T[u,v] vs central difference of u'Hv";
  EXPECT_LE(relative_error<S>(H, Mat<S>(H.transpose())), tol::ulps<S>(64 * d)) << kind << ": Hessian symmetric to rounding";
  // T[u, v] is symmetric in (u, v): exact up to rounding of O(d) sums.
  EXPECT_LE(relative_error<S>(m.third(x, c.u, c.v, all), m.third(x, c.v, c.u, all)), tol::ulps<S>(64 * d)) << kind;
  // The taped gradient equals the closed form to rounding (64 d ulps: sums of O(d) terms).
  EXPECT_LE(relative_error<S>(evaluate(m.gradient_program(all), x), m.gradient(x, all)), tol::ulps<S>(64 * d)) << kind;
  // Minibatch: the full-batch gradient is the mean of the per-example gradients.
  Vec<S> mean = Vec<S>::Zero(d);
  for (int i = 0; i < m.num_examples(); ++i) mean += m.gradient(x, Batch{i});
  mean /= S(m.num_examples());
  EXPECT_LE(relative_error<S>(mean, m.gradient(x, all)), tol::ulps<S>(64 * m.num_examples())) << kind;
}

}  // namespace irverify
