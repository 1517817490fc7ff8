// Backward error analysis of GD (explicit Euler on theta' = f = -g), CLAIMS.md IGR-3:
//   f~ = f + h f2 + h^2 f3 + O(h^3),
//   f2 = -(1/2) f'f = -(1/2) H g                         (= -(1/4) grad ||g||^2, Barrett & Dherin Eq. (2)),
//   f3 = (1/12) f''(f,f) + (1/3) f'f'f = -(1/12) T[g,g] - (1/3) H^2 g.
// modified_field() records on a tape the combination
//   -(a_g g + a_Hg H g + a_T T[g,g] + a_HHg H^2 g),
// with H g, H^2 g by forward mode (jvp) and T[g,g] by second-order forward mode (jvp2) on the gradient tape.
// The coefficients are free so that the fields of the claims and their negative controls share this code.
#pragma once

#include "theory/models/model.hpp"

namespace irverify {

template <class S> struct FieldCoefficients {
  S g, Hg, Tgg, HHg;
};

// f + h f2 + h^2 f3 (t_coef and hh_coef default to the derived 1/12 and 1/3).
template <class S> FieldCoefficients<S> third_order_coefficients(const S& h, const S& t_coef = S(1) / 12,
                                                                 const S& hh_coef = S(1) / 3) {
  return {S(1), h / 2, h * h * t_coef, h * h * hh_coef};
}

template <class S> Program<S> modified_field(const Model<S>& m, const Batch& b, const FieldCoefficients<S>& a) {
  const int n = m.dim();
  const Program<S> grad = m.gradient_program(b);
  Program<S> p;
  const std::vector<Var<S>> x = p.make_inputs(n);
  const std::vector<Var<S>> nodes = replay(*grad.tape, x);
  auto outputs_of = [&](const std::vector<Var<S>>& node_vars, bool derivative) {
    std::vector<Var<S>> y(n);
    for (int i = 0; i < n; ++i)
      y[i] = derivative ? map_output_derivative(grad.outputs[i], node_vars) : map_output(grad.outputs[i], node_vars);
    return y;
  };
  const std::vector<Var<S>> g = outputs_of(nodes, false);
  std::vector<Var<S>> Hg(n, Var<S>(S(0))), HHg(n, Var<S>(S(0))), Tgg(n, Var<S>(S(0)));
  if (a.Hg != 0 || a.HHg != 0 || a.Tgg != 0) {
    const std::vector<Var<S>> d = jvp(*grad.tape, nodes, g);
    Hg = outputs_of(d, true);
    if (a.HHg != 0) HHg = outputs_of(jvp(*grad.tape, nodes, Hg), true);
    if (a.Tgg != 0) Tgg = outputs_of(jvp2(*grad.tape, nodes, d), true);
  }
  p.outputs.resize(n);
  for (int i = 0; i < n; ++i) p.outputs[i] = -(a.g * g[i] + a.Hg * Hg[i] + a.Tgg * Tgg[i] + a.HHg * HHg[i]);
  return p;
}

// Closed forms of f2 and f3 at a point (model Hessian and third derivative), for cross-checks.
template <class S> Vec<S> field_f2(const Model<S>& m, const Vec<S>& th, const Batch& b) {
  return Vec<S>(-(m.hessian(th, b) * m.gradient(th, b)) / 2);
}
template <class S> Vec<S> field_f3(const Model<S>& m, const Vec<S>& th, const Batch& b) {
  const Vec<S> g = m.gradient(th, b);
  const Mat<S> H = m.hessian(th, b);
  const Vec<S> Hg = H * g;
  return Vec<S>(-m.third(th, g, g, b) / 12 - (H * Hg) / 3);
}

// Instantiated once per scalar in theory/losses/instantiate.cpp (declared extern here, so users do not compile them again).
#define IRVERIFY_MODIFIED_FIELD_INSTANCES(PREFIX, S) \
  PREFIX template Program<S> modified_field<S>(const Model<S>&, const Batch&, const FieldCoefficients<S>&); \
  PREFIX template Vec<S> field_f2<S>(const Model<S>&, const Vec<S>&, const Batch&);                        \
  PREFIX template Vec<S> field_f3<S>(const Model<S>&, const Vec<S>&, const Batch&);
#define IRVERIFY_EXTERN(S) IRVERIFY_MODIFIED_FIELD_INSTANCES(extern, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN)
#undef IRVERIFY_EXTERN

}  // namespace irverify
