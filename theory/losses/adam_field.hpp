// The modified flow of Adam and RMSProp (CLAIMS.md ADAM-1, derived; Cattaneo, Klusowski & Shigida, ICML 2024, whose
// abstract gives the direction: Adam penalizes, or typically anti-penalizes, the perturbed one-norm
// ||g||_{1,eps} = sum_j sqrt(g_j^2 + eps)). With a = beta/(1-beta), r = rho/(1-rho):
//   eps inside the root:  theta_j' = -[g_j + h c_j (H F)_j] / sqrt(g_j^2 + eps),  F_k = g_k / sqrt(g_k^2 + eps),
//                         c_j = [(a - r) g_j^2 + (a + 1/2) eps] / (g_j^2 + eps);
//   eps outside (PyTorch): theta_j' = -[g_j + h c_j (H F)_j] / (|g_j| + eps),   F_k = g_k / (|g_k| + eps),
//                         c_j = a - r |g_j|/(|g_j| + eps) + eps / (2 (|g_j| + eps)).
// (H F)_j = d/dtheta_j of sum_k sqrt(g_k^2 + eps) (inside). Recorded on a tape (H F by forward mode along F), so the
// Taylor flow solver takes it. The coefficient is a parameter (AdamCoefficient) so that the controls share the code:
// the small-eps coefficient a - r at finite eps, -c, c = 0, and GD's (h/2) H g in place of h c (H F).
#pragma once

#include "theory/losses/modified_field.hpp"

namespace irverify {

template <class S> struct AdamHyper {
  S beta, rho, eps;
  bool eps_inside = true;
};

enum class AdamCoefficient { derived, small_eps, flipped, zero, gd };

template <class S> Program<S> adam_flow_field(const Model<S>& m, const Batch& b, const S& h, const AdamHyper<S>& a,
                                              AdamCoefficient which = AdamCoefficient::derived) {
  const int n = m.dim();
  const Program<S> grad = m.gradient_program(b);
  Program<S> p;
  const std::vector<Var<S>> x = p.make_inputs(n);
  const std::vector<Var<S>> nodes = replay(*grad.tape, x);
  std::vector<Var<S>> g(n), denom(n), F(n);
  for (int i = 0; i < n; ++i) {
    g[i] = map_output(grad.outputs[i], nodes);
    denom[i] = a.eps_inside ? sqrt(g[i] * g[i] + a.eps) : Var<S>(relu(g[i]) + relu(-g[i]) + a.eps);
    F[i] = which == AdamCoefficient::gd ? g[i] : g[i] / denom[i];
  }
  p.outputs.resize(n);
  if (which == AdamCoefficient::zero) {
    for (int i = 0; i < n; ++i) p.outputs[i] = -(g[i] / denom[i]);
    return p;
  }
  const std::vector<Var<S>> d = jvp(*grad.tape, nodes, F);
  const S ar = a.beta / (1 - a.beta), rr = a.rho / (1 - a.rho), half = S(1) / 2;
  for (int i = 0; i < n; ++i) {
    const Var<S> HF = map_output_derivative(grad.outputs[i], d);
    Var<S> c;
    if (which == AdamCoefficient::gd) c = Var<S>(half);
    else if (which == AdamCoefficient::small_eps) c = Var<S>(S(ar - rr));
    else if (a.eps_inside) c = ((ar - rr) * (g[i] * g[i]) + (ar + half) * a.eps) / (g[i] * g[i] + a.eps);
    else c = Var<S>(ar) - rr * (denom[i] - a.eps) / denom[i] + (half * a.eps) / denom[i];
    if (which == AdamCoefficient::flipped) c = -c;
    p.outputs[i] = -((g[i] + h * c * HF) / denom[i]);
  }
  return p;
}

}  // namespace irverify
