// BEA-3 (CLAIMS.md BEA, MOM): heavy-ball and Nesterov momentum through their underlying one-step methods, solved as
// B-series in exact rationals from the two-step recurrences; their modified fields give MOM-1/MOM-2's coefficients
// and prefactor, and the •-coefficient of iterates started from rest gives the start shifts.
#pragma once

#include "checks/framework/case.hpp"
#include "theory/losses/momentum_field.hpp"

namespace irverify {

inline constexpr int kBeaMomLevels = 8;

Case bea_momentum_exact_case(const RunContext& ctx);
// The series' kappa and s (beta = 1/2) through MOM's global ladder: the method from rest to T ~ 1 against the modified
// flow from the shifted start (claim: order 2); the flow from theta0 and GD's kappa (controls: order 1).
template <class S> Case bea_momentum_ladder_case(const RunContext& ctx, const ProblemSpec& spec, Momentum kind, int levels);

}  // namespace irverify
