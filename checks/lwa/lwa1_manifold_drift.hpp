// LWA-1 (CLAIMS.md LWA; Li, Wang & Arora, ICLR 2022): SGD with B = 1 on the non-interpolating u v model drifts along
// its manifold of minima {u v = c*} as the limiting diffusion's drift says (solvers/ln/lwa_drift.hpp): the balance
// D = u^2 - v^2 has E[D_t]/D_0 -> exp(-kappa m2 t) at t = k eta^2, with weak error O(eta), for i.i.d. and reshuffled
// examples (Monte Carlo, solvers/ln/uv_balance.hpp). Controls: the drift doubled, without the Lyapunov inverse, none.
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kLwa1Levels = 7;
inline constexpr long kLwa1Runs = 4096;
inline constexpr std::uint64_t kLwa1Seed = 41;

template <class S>
Case lwa_balance_case(const RunContext& ctx, const ProblemSpec& spec, bool reshuffle, int levels = kLwa1Levels);

}  // namespace irverify
