// RANK-1 (CLAIMS.md; Galanti et al. 2022, Sec. 3): SGD with weight decay replayed in high precision. The unrolled
// identity theta_T = c^n theta_{T-n} - mu sum_{j=1..n} c^{j-1} g_{T-j}, c = 1 - 2 mu lambda, holds to rounding, and
// each step's minibatch gradient has rank <= B in each layer (one rank-one term per example: dW1 = D W2' r x',
// dW2 = r a'); the full batch (B = N) has rank <= N. Controls: the unrolling with c = 1 - mu lambda (the factor 2 of
// the decay dropped) and the tighter per-step bound rank <= B - 1.
#pragma once

#include "checks/framework/case.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr const char* kRank1Mu = "0.05";
inline constexpr const char* kRank1Lambda = "0.05";
inline constexpr long kRank1Steps = 48;
inline constexpr std::uint64_t kRank1Seed = 2206;

// Built-in: linear2 and relu2, N = 6 examples, p = h = 10, q = 8 (a batch of B < 8 examples cannot fill a layer).
std::vector<ProblemSpec> rank1_problems();

// One case per batch scheme (the problem's `batch`, else B = 1, 3 and N, without replacement).
template <class S> std::vector<Case> rank_unrolling_cases(const RunContext& ctx, const ProblemSpec& spec, long steps = kRank1Steps);

}  // namespace irverify
