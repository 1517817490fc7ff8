// Smith, Dherin, Barrett & De (ICLR 2021), Eq. (4)-(6): the mean iterate of SGD with random shuffling follows,
// to O(m^3 eps^3) per epoch, the gradient flow (for time m eps) of
//   L~SGD = L + c (eps/m) sum_k ||g_k||^2,  c = 1/4,  g_k = grad L_k, L = (1/m) sum_k L_k (equal batch sizes),
// whose gradient is g + 2 c (eps/m) sum_k H_k g_k. c is a parameter so that negative controls share the code.
#pragma once

#include "theory/models/model.hpp"

namespace irverify {

template <class S> S sgd_modified_loss(const Model<S>& m, const Partition& p, const Vec<S>& th, const S& eps, const S& c) {
  S reg(0);
  for (const auto& b : p) reg += m.gradient(th, b).squaredNorm();
  return m.loss(th, m.all_examples()) + c * eps / S(static_cast<int>(p.size())) * reg;
}

template <class S>
Vec<S> sgd_modified_gradient(const Model<S>& m, const Partition& p, const Vec<S>& th, const S& eps, const S& c) {
  Vec<S> reg = Vec<S>::Zero(th.size());
  for (const auto& b : p) reg += m.hessian(th, b) * m.gradient(th, b);
  return m.gradient(th, m.all_examples()) + (2 * c * eps / S(static_cast<int>(p.size()))) * reg;
}

// The field -(g + 2 c (eps/m) sum_k H_k g_k) on a tape; g = (1/m) sum_k g_k, H_k g_k by forward mode.
template <class S> Program<S> sgd_modified_field(const Model<S>& m, const Partition& p, const S& eps, const S& c) {
  const int n = m.dim(), nb = static_cast<int>(p.size());
  Program<S> out;
  const std::vector<Var<S>> x = out.make_inputs(n);
  std::vector<Var<S>> g(n, Var<S>(S(0))), reg(n, Var<S>(S(0)));
  for (const auto& b : p) {
    const Program<S> gk = m.gradient_program(b);
    const std::vector<Var<S>> nodes = replay(*gk.tape, x);
    std::vector<Var<S>> gkv(n);
    for (int i = 0; i < n; ++i) gkv[i] = map_output(gk.outputs[i], nodes);
    const std::vector<Var<S>> d = jvp(*gk.tape, nodes, gkv);
    for (int i = 0; i < n; ++i) {
      g[i] += gkv[i];
      reg[i] += map_output_derivative(gk.outputs[i], d);
    }
  }
  const S inv_m = S(1) / S(nb), k = 2 * c * eps * inv_m;
  out.outputs.resize(n);
  for (int i = 0; i < n; ++i) out.outputs[i] = -(inv_m * g[i] + k * reg[i]);
  return out;
}

// SGD-3 (derived in CLAIMS.md): E_pi[theta_m] = theta0 - m eps g + eps^2 C2 + O(eps^3) with
//   C2 = (1/4)(m^2 grad||g||^2 - sum_k grad||g_k||^2) = (1/2)(m^2 H g - sum_k H_k g_k), all at theta0.
template <class S> Vec<S> sgd_second_order_coefficient(const Model<S>& m, const Partition& p, const Vec<S>& th) {
  const S nb(static_cast<int>(p.size()));
  const Batch all = m.all_examples();
  Vec<S> c = nb * nb * (m.hessian(th, all) * m.gradient(th, all));
  for (const auto& b : p) c -= m.hessian(th, b) * m.gradient(th, b);
  return c / 2;
}

// Instantiated once per scalar in theory/losses/instantiate.cpp (declared extern here, so users do not compile them again).
#define IRVERIFY_SGD_LOSS_INSTANCES(PREFIX, S) \
  PREFIX template S sgd_modified_loss<S>(const Model<S>&, const Partition&, const Vec<S>&, const S&, const S&);          \
  PREFIX template Vec<S> sgd_modified_gradient<S>(const Model<S>&, const Partition&, const Vec<S>&, const S&, const S&); \
  PREFIX template Program<S> sgd_modified_field<S>(const Model<S>&, const Partition&, const S&, const S&);               \
  PREFIX template Vec<S> sgd_second_order_coefficient<S>(const Model<S>&, const Partition&, const Vec<S>&);
#define IRVERIFY_EXTERN(S) IRVERIFY_SGD_LOSS_INSTANCES(extern, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN)
#undef IRVERIFY_EXTERN

}  // namespace irverify
