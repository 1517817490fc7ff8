// SDE-2 (CLAIMS.md SDE; Li, Tai & E): SME1 is a weak order 1 approximation of SGD on nonlinear models, measured by a
// Monte Carlo on coupled random numbers (solvers/sde/sme_monte_carlo.hpp): SGD (B = 1, with replacement) against SME1
// integrated by Euler-Maruyama with Talay-Tubaro extrapolation (weak order 2) at steps eta/2 and eta/4, for
// E ||x||^2, E f and E x_1 at T = 1/2; the runs per level grow until every difference stands out of its noise.
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kSde2Levels = 6;
inline constexpr long kSde2Runs = 1L << 12;      // the first try per level (antithetic pairs)
inline constexpr long kSde2MaxRuns = 1L << 16;   // the most per level
inline constexpr std::uint64_t kSde2Seed = 43;

template <class S> Case sme_monte_carlo_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kSde2Levels);

}  // namespace irverify
