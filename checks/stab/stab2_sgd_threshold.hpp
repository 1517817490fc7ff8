// STAB-2 (CLAIMS.md, derived there; Wu & Su 2023 for the setting): the exact mean-square stability threshold of
// SGD at an interpolating minimum, eta* = 1/lambda_max(A^{-1} C) on symmetric matrices over the range of H, for
// batches with and without replacement (theory/stability/sgd_operator.hpp), checked four ways: the structured and
// the dense generalized eigenproblem; Mulayoff & Michaeli's Kronecker form 2/lambda_max(C^+ D); bisection on
// rho(T(eta)); and Monte Carlo growth of E|delta_t|^2 (solvers/stability/linear_growth.hpp) at eta*(1 + x), x in
// kStabMcOffsets, which must agree with log rho(T) within its 99.9% interval and resolve the sign of x. Negative
// controls: wrong operators C' (GD's HMH, the other sampling, p with N for N - 1), each predicting the same Monte
// Carlo rate, must be rejected by it.
// The operator C is checked against brute-force enumeration of batches where there are <= kStabEnumerationLimit.
#pragma once


#include "checks/framework/claim.hpp"
#include "checks/framework/case.hpp"
#include "theory/stability/sgd_operator.hpp"

namespace irverify {

inline constexpr int kStabBisectionBits = 40;         // bisection to relative width 2^-40 (~12 digits)
inline constexpr long kStabMcSamples = 1L << 18;      // runs per eta
inline constexpr int kStabMcSteps = 2;  // horizon: short, so that E|delta_t|^2 is not dominated by rare batch sequences
inline constexpr std::uint64_t kStabMcSeed = 2023;
inline constexpr long kStabEnumerationLimit = 100000;
inline const std::vector<double> kStabMcOffsets = {-0.05, -0.025, 0.025, 0.05};

// B in {1, 2, 4} (B <= N), with replacement, and without for B >= 2 (B = 1 is the same scheme).
std::vector<BatchScheme> stab_batch_schemes(int N);

template <class S> Case stab_sgd_threshold_case(const RunContext& ctx, const ProblemSpec& spec);
// Timing of the two eigenproblem solvers at rank r (least squares, N = r, d = r + 20).
Case stab_sgd_threshold_scaling(const RunContext& ctx, int r);


}  // namespace irverify
