// LN-4 (CLAIMS.md; Damian, Ma & Lee 2021, Sec. 2: "an additional regularization effect of large learning rates"): at
// eta near 2/lambda_max, label-noise GD started at the minimizer of tr H/4 on the zero-loss manifold leaves it and
// ends near the minimizer of the log form R = -(1/(2 eta)) log det(I - (eta/2) H), which penalizes large eigenvalues
// more. Both minimizers are computed by their Riemannian flows run to rest (solvers/ln/manifold_flow.hpp; on diag-uv
// the trace one is also GLPK's minimal weighted l1 interpolator); the Monte Carlo end point (mean of the projected
// iterate) must be resolved closer to R's minimizer than to the trace form's, and "it ends at the trace form's
// minimizer" (the small-eta statement) is the rejected control.
#pragma once

#include "checks/framework/case.hpp"
#include "checks/ln/ln_setup.hpp"
#include "solvers/ln/manifold_flow.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr long kLn4Runs = 512;
inline constexpr std::uint64_t kLn4Seed = 2024;
inline constexpr const char* kLn4Lambda0 = "0.015625";  // lambda = eta sigma^2 / N on a ladder 2^-6 4^-k
inline constexpr int kLn4Levels = 3;                      // down to 2^-10
inline constexpr double kLn4EtaFraction = 0.95;            // eta = 0.95 * 2/lambda_max at the trace form's minimizer
inline constexpr double kLn4RestField = 1e-10;             // a flow is at rest when |P grad R| <= 1e-10
inline constexpr double kLn4MaxTime = 4096;                // flow time allowed to reach rest

// The built-in instances: diag-uv with (N, p) = (2, 3) and (3, 5), generator seeds 5 and 4, where the minimizers differ.
std::vector<ProblemSpec> ln4_problems();

// A minimizer on the manifold (its flow run to rest), with eta lambda_max and tr H there.
template <class S> struct Ln4Minimizer {
  FlowRest<S> rest;
  double eta_lambda = 0, trace = 0;
};
// One lambda of the ladder: the mean projected end point's distances to R's minimizer and to tr H/4's.
template <class S> struct Ln4Level {
  S lambda;
  double sigma = 0;
  long steps = 0;
  PathDistance to_r, to_trace;
};
template <class S> struct Ln4Measurement {
  int N = 0;
  S eta;  // 2 kLn4EtaFraction / lambda_max at tr H/4's minimizer
  Ln4Minimizer<S> trace_min, log_min;
  S gap;  // |theta_R - theta_tr|
  std::vector<Ln4Level<S>> levels;
};

// ctx.samples Monte Carlo runs, ctx.levels levels; the measurement judged, when `measured` is given.
template <class S>
Case ln_large_eta_case(const RunContext& ctx, const ProblemSpec& spec, Ln4Measurement<S>* measured = nullptr);

}  // namespace irverify
