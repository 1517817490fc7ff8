// RANK-2 (CLAIMS.md; Galanti et al. 2022, Thm. 1 and its proof): the low-rank bound as a proof check. From the exact
// unrolling (RANK-1), for every n <= t:
//   derived:  dist_F(W_t, rank <= n B) <= (1 - 2 mu lambda)^n |W_(t-n)|_F;
// with n_e = ceil(log(2/e)/(2 mu lambda)) and the hypothesis rho = |W_(t-n_e)|_F / |W_t|_F <= 2 this gives
//   r_e(W_t) <= n_e B,   r_e = the smallest r with dist_F(W_t/|W_t|_F, rank r) <= e   (2 e^(-2 mu lambda n_e) <= e),
// and the paper's reading drops both the ceiling and the hypothesis:
//   paper:    r_e(W_t) <= B log(2/e)/(2 mu lambda).
// Measured per layer over a grid of (B, mu, lambda), seeds and checkpoints t (the last one at stationarity, the early
// ones while |W_t| still moves from theta0). Control: the derived bound with n (B - 1) (one rank-one term per step
// too few).
#pragma once


#include "checks/framework/case.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr std::uint64_t kRank2Seed = 1979;
inline constexpr long kRank2Runs = 16;  // seeds per grid point

struct Rank2Grid {
  std::vector<int> batches = {1, 4};
  std::vector<const char*> mus = {"0.1", "0.4"};
  std::vector<const char*> lambdas = {"0.1", "0.5"};
  std::vector<long> checkpoints = {4, 16, 64, 256, 1024};
  long runs = 0;  // 0: the run's Monte Carlo size
};

inline constexpr const char* kRank2PaperForm =
    "paper's form without hypothesis: r_e(W_t) <= B log(2/e)/(2 mu lambda) at every checkpoint (where not vacuous)";

// Built-in: linear2 and relu2, N = 64 examples, p = h = q = 32, generator seeds 21 and 22, and linear2 with h = 8
// (seed 23); features and labels scaled by 1/4, theta0 by 1/8 (scaled_matrix_problem).
std::vector<ProblemSpec> rank2_problems();

// One case per problem (a problem's batch, h0 or weight_decay replace that axis of the grid).
template <class S> Case rank_bound_case_in(const RunContext& ctx, const ProblemSpec& spec, const Rank2Grid& grid);
Case rank_bound_case(const RunContext& ctx, const ProblemSpec& spec, const Rank2Grid& grid = {});  // in double

}  // namespace irverify
