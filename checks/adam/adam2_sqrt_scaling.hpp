// ADAM-2 (CLAIMS.md; Malladi, Lyu, Panigrahi & Arora, NeurIPS 2022): the square-root scaling rule. Adam (eps
// outside the root, bias-corrected) with batch B and step h in the SDE scaling 1-beta = c1 h^2, 1-rho = c2 h^2,
// eps = eps0/h, label noise sigma0/h, run T/h^2 steps; the rule's run takes batch kappa B, step sqrt(kappa) h,
// 1-beta -> kappa (1-beta), 1-rho -> kappa (1-rho), eps -> eps/sqrt(kappa), T/(kappa h^2) steps, on common random
// numbers (solvers/ln/noisy_optimizer.hpp). The discrepancy of E L(theta_T) vanishes as h -> 0; the linear rule's
// (h -> kappa h, beta, rho, eps fixed) and the rule with beta, rho unscaled do not.
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kAdam2Levels = 5;
inline constexpr long kAdam2Runs = 1L << 16;
inline constexpr std::uint64_t kAdam2Seed = 37;

// h_k = 2^-2 2^-k, k < levels; ctx.samples runs per level, every rule on the same runs.
template <class S> Case adam_sqrt_scaling_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kAdam2Levels);

}  // namespace irverify
