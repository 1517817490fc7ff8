// RANK-3 (CLAIMS.md; Galanti et al. 2022, Sec. 4 experiments): the epsilon-rank of a layer at the end of SGD with weight
// decay falls with smaller batch B, larger step mu and larger weight decay lambda. Each axis is varied with the others
// at a base point (the problem's batch, h0 and weight_decay if given; mu and lambda by factors 2^k); per value, the mean epsilon-rank over seeds; the trend is the least-squares slope of the mean
// against log2 of the parameter, with its standard error from the seeds (99.9% two-sided). lambda = 0 is the control:
// "the rank falls with mu at lambda = 0" must be refuted.
#pragma once

#include "checks/framework/case.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr std::uint64_t kRank3Seed = 2206;
inline constexpr long kRank3Runs = 64;  // seeds per point

struct Rank3Plan {
  int B = 4;
  const char* mu = "0.1";
  const char* lambda = "0.025";
  std::vector<int> batches = {1, 2, 4, 8, 16};
  std::vector<int> factors = {-2, -1, 0, 1};  // mu and lambda: the base point's times 2^k
  double epsilon = 1e-3;   // the epsilon-rank measured (Frobenius, W/|W|_F)
  double relax = 16;       // every point trains T = relax / (2 mu lambda) steps at the base point (a fixed budget)
  long runs = 0;  // 0: the run's Monte Carlo size
};

// Built-in: linear2 and relu2, N = 32, p = h = q = 16, generator seeds 31 and 32, scaled as RANK-2's.
std::vector<ProblemSpec> rank3_problems();

template <class S> Case rank_trend_case(const RunContext& ctx, const ProblemSpec& spec, const Rank3Plan& plan = {});

}  // namespace irverify
