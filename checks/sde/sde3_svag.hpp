// SDE-3 (CLAIMS.md, recalled; Li, Malladi & Arora, NeurIPS 2021): SVAG, the step eta/l on r1 grad f_g1 + r2 grad f_g2
// with r_{1,2} = (1 +- sqrt(2l - 1))/2 (mean grad f, covariance l Sigma), converges weakly to SME1 with error O(1/l):
// exact moments on least squares (solvers/sde/ls_moments.hpp), ladder l = 2^k; with test functions of degree <= 2 only
// r1 + r2 = 1 and r1^2 + r2^2 = l enter. Control: r_{1,2} = (1 +- sqrt(l - 1))/2 (covariance (l/2) Sigma) converges to
// the SDE with half the diffusion: its error does not vanish.
#pragma once

#include "checks/framework/case.hpp"
#include "theory/stability/sgd_operator.hpp"

namespace irverify {

inline constexpr int kSde3Levels = 8;

// eta = eta0 of SDE-1 (a quarter of 1/max(1, lambda_max) as a power of two), T = 1, l_k = 2^k, k < levels.
template <class S> Case svag_case(const RunContext& ctx, const ProblemSpec& spec, const BatchScheme& scheme, int levels = kSde3Levels);

}  // namespace irverify
