// MOM-1 (CLAIMS.md; Ghosh, Lyu, Zhang, Wang, ICLR 2023): heavy-ball momentum from rest follows the flow of
// theta' = -(1/(1-beta)) grad[L + h (1+beta)/(4(1-beta)^2) ||g||^2] to O(h^2) only from the shifted start
// theta0 + h beta/(1-beta)^2 g(theta0) (from theta0: O(h), a lag of beta/(1-beta) steps); one step from a point of the
// invariant manifold has local error O(h^3). Controls: three wrong coefficients; "order 2 from theta0".
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kMom1Levels = 10;
inline constexpr double kMom1LagDigits = 10;  // the lag coefficient, extrapolated, to >= 10 digits

// Global: heavy ball from rest to T = n0 h0 (n0 = 1/h0) on the ladder h0 2^-k, k < levels, h0 = (1 - sqrt(beta))^2 /
// (4 max(1, rho(H(theta0)))) rounded down to a power of two; the lag coefficient by Richardson extrapolation.
template <class S> Case mom_heavy_ball_global_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, int levels);
// Local: one step from (theta0, theta_{-1}), theta_{-1} the modified flow run back by h, on the same ladder.
template <class S> Case mom_heavy_ball_local_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, int levels);

}  // namespace irverify
