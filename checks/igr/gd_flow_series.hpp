// What IGR-1 and IGR-2 share (Barrett & Dherin 2021, Sec. 3; CLAIMS.md): GD against the flows of L, of
// L~ = L + (h/4)|g|^2 and of the wrong coefficient L + (h/2)|g|^2, as three series of a ladder.
#pragma once

#include "checks/framework/ladder_setup.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "theory/losses/igr_modified_loss.hpp"

namespace irverify {

// Against the flow of L (order p, claim), of L~ (order p + 1, claim) and of L + (h/2)|g|^2 (order p + 1, negative
// control: its order is p).
inline void add_gd_flow_series(Case& c, double p) {
  c.add_series("GD vs flow of L", Role::claim, p);
  c.add_series("GD vs flow of L + (h/4)|g|^2", Role::claim, p + 1);
  c.add_series("GD vs flow of L + (h/2)|g|^2 (wrong coefficient)", Role::control, p + 1);
}

// The errors of GD's iterate `gd` at time T, step h, against phi^L_T(theta0) (`flow_L`) and the flows of
// L + c h |g|^2 from theta0 to T, c = 1/4 and 1/2: the next point of each series.
template <class S>
void add_gd_flow_errors(const LadderSetup<S>& st, const S& h, const S& T, const Vec<S>& gd, const Vec<S>& flow_L, Case& c) {
  c.add_error(0, S((gd - flow_L).norm()));
  const S coef[] = {S(1) / 4, S(1) / 2};
  for (int i = 0; i < 2; ++i) {
    const TaylorFlow<S> flow(igr_flow_field(st.model(), h, coef[i], st.all), st.ctx.deadline);
    c.add_error(i + 1, S((gd - flow.integrate(st.theta0(), T)).norm()));
  }
}

}  // namespace irverify
