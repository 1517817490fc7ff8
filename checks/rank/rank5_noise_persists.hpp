// RANK-5 (CLAIMS.md; Galanti et al. 2022, Sec. 3: with weight decay, SGD's noise does not die out): with lambda > 0
// and B < N the iterates of SGD with weight decay keep moving at stationarity (the mean step |theta_(t+1) - theta_t|
// stays bounded away from the rounding floor, and does not fall between the two halves of a late window), while with
// B = N (GD with weight decay) they converge. Control: lambda = 0 started at an interpolating solution, where every
// per-example gradient vanishes: "the iterates keep moving" must be refuted there.
#pragma once

#include "checks/framework/case.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace irverify {

inline constexpr long kRank5Runs = 256;
inline constexpr std::uint64_t kRank5Seed = 2022;
inline constexpr long kRank5GdMaxSteps = 100000;

// The whitened linear2 problem of RANK-4 started at an interpolating solution: W1 = [M; 0], W2 = [I 0] (h >= q).
ProblemSpec interpolating_problem(std::uint64_t seed);
std::vector<ProblemSpec> rank5_problems();

// The mean step over the window's first and second half, mean over the runs with its standard error.
struct Rank5Window {
  MeanSe a, b;
};
// A scheme: batch B at weight decay lambda.
struct Rank5Scheme {
  int B = 0;
  std::string lambda;
  Rank5Window steps;
};
// GD with weight decay until the step is at the rounding floor: the last step, the steps taken.
template <class S> struct Rank5Gd {
  S last;
  long steps = 0;
  bool converged = false;
};
// The measurement: the SGD schemes, GD, and the control.
template <class S> struct Rank5Measurement {
  double floor = 0;                  // 64 eps max(1, |theta0|)
  std::vector<Rank5Scheme> schemes;  // B = 1 and N/2 (B < N) at the claim's lambda
  Rank5Gd<S> gd;
  Rank5Window control;  // B = 1 at lambda = 0
};

// ctx.samples runs; the measurement in `measured` when given.
template <class S> Case rank_noise_case(const RunContext& ctx, const ProblemSpec& spec, Rank5Measurement<S>* measured = nullptr);

}  // namespace irverify
