// The modified flows of heavy-ball and Nesterov momentum (CLAIMS.md MOM-1, MOM-2; Ghosh, Lyu, Zhang, Wang, ICLR
// 2023, whose regularizer (1 + beta) h / (4 (1 - beta)^3) ||g||^2 is the prefactored form of the one here):
//   theta' = -(1/(1 - beta)) grad[ L + kappa h ||g||^2 ] = -(1/(1 - beta)) (g + 2 kappa h H g),
//   kappa = c / (4 (1 - beta)^2),  c = 1 + beta (heavy ball), 1 - beta + 2 beta^2 (both Nesterov forms).
// Iterates started from rest follow the flow from theta0 + h s g(theta0) to O(h^2) (a start on the attracting
// invariant manifold): s = beta / (1 - beta)^2 (heavy ball, Sutskever), beta^2 / (1 - beta)^2 (PyTorch Nesterov).
// kappa is a parameter so that the controls (GD's 1/4, ...) share the code.
#pragma once

#include "theory/losses/modified_field.hpp"

namespace irverify {

enum class Momentum { HeavyBall, Sutskever, PyTorchNesterov };

template <class S> S momentum_kappa(Momentum m, const S& beta) {
  const S c = m == Momentum::HeavyBall ? S(1 + beta) : S(1 - beta + 2 * beta * beta);
  return c / (4 * (1 - beta) * (1 - beta));
}
template <class S> S momentum_shift(Momentum m, const S& beta) {
  const S num = m == Momentum::PyTorchNesterov ? S(beta * beta) : beta;
  return num / ((1 - beta) * (1 - beta));
}

// sign * (the field above): sign = -1 runs the flow backwards (the start of a two-step method on the manifold).
template <class S> Program<S> momentum_flow_field(const Model<S>& m, const Batch& b, const S& h, const S& beta, const S& kappa,
                                                  int sign = 1) {
  const S pre = S(sign) / (1 - beta);
  return modified_field<S>(m, b, {pre, S(2 * kappa * h * pre), S(0), S(0)});
}

}  // namespace irverify
