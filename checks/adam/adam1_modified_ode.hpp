// ADAM-1 (CLAIMS.md, derived; Cattaneo, Klusowski & Shigida, ICML 2024): bias-corrected Adam (eps inside the root)
// follows theta_j' = -[g_j + h c_j (H F)_j] / sqrt(g_j^2 + eps) (theory/losses/adam_field.hpp) to O(h^2) at fixed T;
// without bias correction only to O(h); eps outside the root (PyTorch) follows its own field to O(h^2). Controls: the
// small-eps coefficient at finite eps, -c, c = 0, GD's (h/4)|g|^2 preconditioned (each order 1).
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kAdamLevels = 9;

// One setting (beta, rho, eps) as exact decimal ratios; h_k = 2^-6 2^-k, k < levels, T = 1.
template <class S> Case adam_modified_ode_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, const S& rho,
                                               const S& eps, int levels = kAdamLevels);

// At small eps (inside the root), to a horizon T where every |g_j|^2 >> eps: the derived flow is order 2, -c and
// c = 0 order 1, and Adam's deviation from the preconditioned flow points along the flow of L + h (a - r) ||g||_(1,eps)
// (a = beta/(1-beta), r = rho/(1-rho); the derived flow's limit as eps/g^2 -> 0, reported as context): the implicit
// term penalizes the perturbed one-norm iff a > r.
template <class S> Case adam_small_eps_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, const S& rho,
                                            const S& eps, const S& T, int levels = kAdamLevels);
// As eps -> infinity the h-part of Adam's field (h = 1/16, at theta0) tends to MOM-1's heavy-ball field with step
// h (1-beta)/sqrt(eps), time rescaled by (1-beta)/sqrt(eps), as O(1/eps^2) on the ladder 1/eps = 2^-6 2^-k; GD's
// kappa leaves O(1/eps).
template <class S> Case adam_large_eps_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, int levels = kAdamLevels);

}  // namespace irverify
