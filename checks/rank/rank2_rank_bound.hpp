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
#include <string>
#include <vector>

namespace irverify {

inline constexpr std::uint64_t kRank2Seed = 1979;
inline constexpr long kRank2Runs = 16;  // seeds per grid point

struct Rank2Grid {
  std::vector<int> batches = {1, 4};
  std::vector<std::string> mus = {"0.1", "0.4"};  // decimal text, read in the case's scalar
  std::vector<std::string> lambdas = {"0.1", "0.5"};
  std::vector<long> checkpoints = {4, 16, 64, 256, 1024};
  long runs = 0;  // 0: the run's Monte Carlo size
};

inline constexpr const char* kRank2PaperForm =
    "paper's form without hypothesis: r_e(W_t) <= B log(2/e)/(2 mu lambda) at every checkpoint (where not vacuous)";

// Built-in: linear2 and relu2, N = 64 examples, p = h = q = 32, generator seeds 21 and 22, and linear2 with h = 8
// (seed 23); features and labels scaled by 1/4, theta0 by 1/8 (scaled_matrix_problem).
std::vector<ProblemSpec> rank2_problems();

// Where a statement was checked: counts and the worst case.
struct Rank2Tally {
  long checks = 0, violations = 0;
  double worst = 0;  // the largest measured/bound ratio
  std::string where;
  void add(bool violated, double ratio, const std::string& at) {
    ++checks;
    violations += violated;
    if (ratio > worst) worst = ratio, where = at;
  }
  void merge(const Rank2Tally& t) {
    checks += t.checks;
    violations += t.violations;
    if (t.worst > worst) worst = t.worst, where = t.where;
  }
};

// The measurement: per grid point (B, mu, lambda) over its runs, checkpoints, layers and epsilons, and over the grid.
struct Rank2Point {
  int B = 0;
  std::string mu, lambda;
  double two_mu_lambda = 0;
  Rank2Tally derived, hypothesis, paper, paper_spectral, control;
  long vacuous = 0;              // paper's-form checks skipped: B log(2/e)/(2 mu lambda) >= the layer's dimension
  long late_violations = 0;      // paper violations at t >= n_e (where the unrolling reaches back n_e steps)
  double rho_at_violations = 0;  // the largest rho among those
  double rank_sum = 0, mean_rank_W1 = 0;  // r_e(W1), e = 1e-2, at the last checkpoint: summed and mean over the runs
};
// The first violation of the paper's form, one at t >= n_e preferred: stored as a problem file.
struct Rank2Counterexample {
  bool found = false, late = false;
  std::string where;
  int B = 0;
  std::string mu, lambda;
};
struct Rank2Measurement {
  std::vector<Rank2Point> points;
  Rank2Tally derived, hypothesis, paper, paper_spectral, control;
  long vacuous = 0, late_violations = 0;
  Rank2Counterexample cx;
};

// One case per problem (a problem's batch, h0 or weight_decay replace that axis of the grid); its measurement in
// `measured` when given.
template <class S>
Case rank_bound_case_in(const RunContext& ctx, const ProblemSpec& spec, const Rank2Grid& grid, Rank2Measurement* measured = nullptr);
Case rank_bound_case(const RunContext& ctx, const ProblemSpec& spec, const Rank2Grid& grid = {},
                     Rank2Measurement* measured = nullptr);  // in double

}  // namespace irverify
