// STAB-4 (CLAIMS.md; Wu, Ma & E 2018; Wu & Su 2023): which minima GD and SGD select. On diag-uv and diag-uu-vv,
// from kStabStarts random starts, GD, SGD (B = 1, with replacement) and SGD (B = 2, without replacement) run at a
// ladder of eta until the full loss is at the rounding level; each end point is polished to an exact minimum by
// Gauss-Newton and its lambda_max, tr H and eta* (STAB-2, the run's scheme) computed (double).
// Verdict: every SGD end point is stable (eta <= eta*) and obeys tr H <= 2B/eta (B = 1: Wu & Su's tr H <= 2/eta);
// every GD end point has lambda_max <= 2/eta, and at least one has tr H > 2/eta (GD is not trace-constrained).
// An SGD end point with eta > eta* (mean-square unstable, yet converged to) is a finding, not an error: it is kept,
// with the exact log rho(T) and the Monte Carlo almost-sure growth rate E[log |delta_t|]/t there.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/ladder.hpp"

namespace irverify {

inline constexpr int kStabStarts = 16;
inline constexpr int kStabEtaLevels = 6;      // eta_k = eta_top 2^(-k/2)
inline constexpr long kStabMaxSteps = 200000;  // per run
inline constexpr std::uint64_t kStabSelectionSeed = 2018;
inline constexpr long kStabLyapunovRuns = 1024;  // almost-sure growth rate at mean-square unstable end points
inline constexpr int kStabLyapunovSteps = 2000;

LadderCase stab_selection_case(const ProblemSpec& spec, int starts = kStabStarts, int levels = kStabEtaLevels);

}  // namespace irverify
