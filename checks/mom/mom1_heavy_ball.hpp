// MOM-1 (CLAIMS.md; Ghosh, Lyu, Zhang, Wang, ICLR 2023): heavy-ball momentum from rest follows the flow of
// theta' = -(1/(1-beta)) grad[L + h (1+beta)/(4(1-beta)^2) ||g||^2] to O(h^2) only from the shifted start
// theta0 + h beta/(1-beta)^2 g(theta0) (from theta0: O(h), a lag of beta/(1-beta) steps); one step from a point of the
// invariant manifold has local error O(h^3) (checks/mom/momentum_ladder.hpp).
#pragma once

#include "checks/mom/momentum_ladder.hpp"

namespace irverify {

// Controls from the shifted start (each order 1): GD's 1/4 under the prefactor, GD's times (1+beta)/(1-beta) in raw
// h, Ghosh et al.'s prefactored (1+beta)/(4(1-beta)^3) under the prefactor again; the lag beta/(1-beta) (in steps);
// locally GD's 1/4 (order 2).
template <class S> MomentumSetting<S> heavy_ball_setting(const S& beta) {
  const S q = 1 - beta;
  return {Momentum::HeavyBall,
          beta,
          {{"GD's (h/4)|g|^2 under the 1/(1-beta) prefactor", S(1) / 4},
           {"(h/4)(1+beta)/(1-beta)|g|^2: GD's times (1+beta)/(1-beta) in raw h", S((1 + beta) / (4 * q))},
           {"(1+beta) h/(4(1-beta)^3)|g|^2: Ghosh et al.'s prefactored coefficient under the prefactor again",
            S((1 + beta) / (4 * q * q * q))}},
          {"beta/(1-beta) (the lag in steps, without the 1/(1-beta) time scale)", S(beta / q)},
          {"GD's coefficient (h/4)|g|^2", S(1) / 4}};
}

}  // namespace irverify
