// RANK-5 (CLAIMS.md; Galanti et al. 2022, Sec. 3: with weight decay, SGD's noise does not die out): with lambda > 0
// and B < N the iterates of SGD with weight decay keep moving at stationarity (the mean step |theta_(t+1) - theta_t|
// stays bounded away from the rounding floor, and does not fall between the two halves of a late window), while with
// B = N (GD with weight decay) they converge. Control: lambda = 0 started at an interpolating solution, where every
// per-example gradient vanishes: "the iterates keep moving" must be refuted there.
#pragma once


#include "checks/framework/case.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr long kRank5Runs = 256;
inline constexpr std::uint64_t kRank5Seed = 2022;
inline constexpr long kRank5GdMaxSteps = 100000;

// The whitened linear2 problem of RANK-4 started at an interpolating solution: W1 = [M; 0], W2 = [I 0] (h >= q).
ProblemSpec interpolating_problem(std::uint64_t seed);
std::vector<ProblemSpec> rank5_problems();

// ctx.samples runs.
template <class S> Case rank_noise_case(const RunContext& ctx, const ProblemSpec& spec);

}  // namespace irverify
