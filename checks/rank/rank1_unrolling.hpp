// RANK-1 (CLAIMS.md; Galanti et al. 2022, Sec. 3): SGD with weight decay replayed in high precision. The unrolled
// identity theta_T = c^n theta_{T-n} - mu sum_{j=1..n} c^{j-1} g_{T-j}, c = 1 - 2 mu lambda, holds to rounding, and
// each step's minibatch gradient has rank <= B in each layer (one rank-one term per example: dW1 = D W2' r x',
// dW2 = r a'); the full batch (B = N) has rank <= N. Controls: the unrolling with c = 1 - mu lambda (the factor 2 of
// the decay dropped) and the tighter per-step bound rank <= B - 1.
#pragma once

#include "checks/framework/case.hpp"
#include "theory/linalg/dense.hpp"
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

// Per layer over the steps: the bound min(B, dims), the largest rank, the steps at the bound, the smallest singular
// value counted and the largest counted as zero (both relative to s_1 of their step), and the gap between them in
// decades.
template <class S> struct Rank1Layer {
  int bound = 0, max_rank = 0, at_bound = 0;
  S zero_max = S(0), kept_min = S(1);
  double gap = 0;
};
// The unrolled identity at one n: the residual and its rounding bound, with the decay c and with the control's.
template <class S> struct Rank1Unroll {
  long n;
  S res, tol, cres, ctol;
};
template <class S> struct Rank1Measurement {
  S zero_rel;  // singular values at most zero_rel s_1 count as zero
  Rank1Layer<S> layer[2];
  std::vector<Rank1Unroll<S>> unrolling;
  double worst = 0;  // the largest residual / bound
};

// One case per batch scheme (the problem's `batch`, else B = 1, 3 and N, without replacement); their measurements
// appended to `measured` when given.
template <class S>
std::vector<Case> rank_unrolling_cases(const RunContext& ctx, const ProblemSpec& spec, long steps = kRank1Steps,
                                       std::vector<Rank1Measurement<S>>* measured = nullptr);

}  // namespace irverify
