// SDE-1 (CLAIMS.md; Li, Tai & E, ICML 2017 / JMLR 2019): on least squares SGD's first and second moments and the
// stochastic modified equations' obey exact linear equations (solvers/sde/ls_moments.hpp), so the weak errors of
// ||x||^2, f(x) and x_i x_j at fixed T are computed exactly: SME1 order 1, SME2 (drift of f + (eta/4)|grad f|^2)
// order 2; controls (order 1): eta/2 in the drift, diffusion 2 eta Sigma, the uncentered second moment. At
// stationarity SME2 is less accurate than SME1 (1-D: SGD eta s^2/(a(2 - eta a)), SME1 eta s^2/(2a), SME2
// eta s^2/(a(2 + eta a))).
#pragma once

#include "checks/framework/case.hpp"
#include "theory/stability/sgd_operator.hpp"

namespace irverify {

inline constexpr int kSde1Levels = 8;

// One batch scheme; eta_k = eta0 2^-k, eta0 = ladder_start (a quarter of 1/max(1, lambda_max) as a power of two),
// T = 1.
template <class S> Case sde_weak_order_case(const RunContext& ctx, const ProblemSpec& spec, const BatchScheme& scheme,
                                            int levels = kSde1Levels);
// The stationary exhibit on x = 1 +- 1 (1-D, A = 1, Sigma = c_B): the three stationary variances, measured at
// T = 40 from the moment equations, against their closed forms; "SME2 at least as accurate as SME1" refuted.
template <class S> Case sde_stationary_case(const RunContext& ctx);

}  // namespace irverify
