// MOM-2 (CLAIMS.md, derived): Nesterov momentum, Sutskever's (S, the gradient at theta_n + beta d_n) and PyTorch's
// (N, nesterov=True), from rest follow theta' = -(1/(1-beta)) grad[L + h (1 - beta + 2 beta^2)/(4(1-beta)^2) ||g||^2]
// to O(h^2) from the shifted start theta0 + h s g(theta0), s = beta/(1-beta)^2 (S) and beta^2/(1-beta)^2 (N); one
// step of either on the manifold (N from the manifold's buffer) has local error O(h^3)
// (checks/mom/momentum_ladder.hpp). Control: the heavy-ball coefficient.
#pragma once

#include "checks/mom/momentum_ladder.hpp"

namespace irverify {

// Controls: the heavy-ball kappa (1+beta)/(4(1-beta)^2) from the method's own shifted start (order 1), globally and
// locally; the other Nesterov form's shift for the lag.
template <class S> MomentumSetting<S> nesterov_setting(Momentum kind, const S& beta) {
  const std::pair<std::string, S> hb{"the heavy-ball coefficient (1+beta)/(4(1-beta)^2)", momentum_kappa<S>(Momentum::HeavyBall, beta)};
  const bool torch = kind == Momentum::PyTorchNesterov;
  const Momentum other = torch ? Momentum::Sutskever : Momentum::PyTorchNesterov;
  return {kind, beta, {hb},
          {fmt::format("{} (the other Nesterov form's shift)", torch ? "beta/(1-beta)^2" : "beta^2/(1-beta)^2"),
           momentum_shift<S>(other, beta)},
          hb};
}

}  // namespace irverify
