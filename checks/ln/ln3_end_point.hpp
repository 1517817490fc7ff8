// LN-3 (CLAIMS.md; Damian, Ma & Lee 2021, Thm 2 and Sec. 4): from a zero-loss start, the mean manifold path of
// label-noise SGD (B = 1 with replacement; the iterate projected on the manifold by Gauss-Newton) follows the
// Riemannian gradient flow of R (solvers/ln/manifold_flow.hpp) under t = lambda eta k; its distance to the flow,
// at fixed lambda, is measured on a ladder eta0 2^-k and its order fitted above the Monte Carlo floor. On diag-uv the
// flow's end point is the balanced interpolator of minimal weighted l1 norm sum_k s_k |beta_k| (s_k = (1/N) sum_i
// x_ik^2; GLPK's simplex, its vertex refined in the working precision). Control: sigma = 0 stays where it starts.
#pragma once


#include "checks/framework/case.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr long kLn3Runs = 512;              // Monte Carlo runs per eta
inline constexpr std::uint64_t kLn3Seed = 2023;
inline constexpr const char* kLn3Lambda = "0.001953125";  // lambda = eta sigma^2 / B = 2^-9, fixed on the ladder
inline constexpr int kLn3Levels = 6;               // eta0 2^-k, k < 6
inline constexpr double kLn3EtaFraction = 0.5;     // eta0 = eta*/2 (the scheme's mean-square threshold at the start)
inline constexpr int kLn3Checkpoints = 4;          // flow times tau_end j/4
inline constexpr double kLn3EndTolerance = 1e-8;  // the flow's end point at tau = 1024 vs the LP vertex (exponential approach)
inline constexpr int kLn3FlowSteps = 400;          // RK4 steps over tau_end (and 800 for the flow's own error)

// The built-in instances: two-param (u v = 1 from (2, 1/2)) and diag-uv with N = 4 < p = 8 and a 2-sparse teacher,
// started at the unbalanced (imbalance 3/2) minimum-norm interpolator.
std::vector<ProblemSpec> ln3_problems();

// ctx.samples Monte Carlo runs, ctx.levels levels.
template <class S> Case ln_end_point_case(const RunContext& ctx, const ProblemSpec& spec);

}  // namespace irverify
