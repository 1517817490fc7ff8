// LN-2 (CLAIMS.md; Damian, Ma & Lee 2021, Sec. 3-4): started at an interpolating minimum, the mean displacement of
// label-noise SGD along the zero-loss manifold per step, divided by sigma^2, tends as sigma -> 0 to
// d = -(eta/2) P grad^3 L[S/sigma^2] (S LN-1's stationary covariance; solvers/ln/drift.hpp), which for label-noise GD
// is the paper's -(eta^2/B) P grad R, R = -(1/(2 eta)) log det(I - (eta/2) H). The sigma^2 coefficient is obtained
// exactly (the recursion of the mean at order sigma^2, over the Monte Carlo's window of steps) and by Monte Carlo at a
// sigma ladder with Richardson extrapolation in sigma^2; they must agree within the Bonferroni 99.9% bound over the
// parameters of every scheme. Negative controls, refuted by the same Monte Carlo: lambda with 2B (the drift halved), and the small-eta
// form (1/4) tr H at eta = 0.9 * 2/lambda_max, where the two forms differ.
#pragma once

#include "checks/framework/case.hpp"
#include "checks/ln/ln_setup.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr long kLn2Runs = 1L << 16;         // Monte Carlo runs per scheme and sigma
inline constexpr std::uint64_t kLn2Seed = 2022;
inline constexpr const char* kLn2Sigma = "0.01";   // the largest sigma of the ladder (problem files: "sigma")
inline constexpr int kLn2SigmaLevels = 3;          // sigma0, sigma0/2, sigma0/4
inline constexpr double kLn2GdFraction = 0.9;      // label-noise GD at eta = 0.9 * 2/lambda_max
inline constexpr double kLn2SgdFraction = 0.5;     // minibatches at eta = eta*/2
inline constexpr double kLn2Transient = 1e-3;      // the window starts when |M_a - S| <= 1e-3 |S|
inline constexpr long kLn2MaxSteps = 1L << 14;

// One sigma of the Monte Carlo: the mean tangent displacement per step over the window divided by sigma^2, with its
// standard errors, its largest |z| against the exact window coefficient, and its component along that coefficient
// divided by the coefficient's norm (1: the claim), with its standard error.
struct Ln2Level {
  double sigma = 0;
  Vec<double> estimate, se;
  double z = 0;
  double along = 0, along_se = 0;
};
// The measurement of one scheme: the exact stationary drift d against the paper's and the trace form's (in S), the
// window [a, b) from near stationarity and its exact coefficient, the Monte Carlo at each sigma, its Richardson
// extrapolation in sigma^2 and that compared with the window coefficient, with the halved drift and with the trace
// form's prediction over the window.
template <class S> struct Ln2Scheme {
  BatchScheme scheme;
  bool gd = false;  // label-noise GD
  S eta;
  double eta_lambda = 0, drift_norm = 0;  // eta lambda_max / 2, |d|
  S paper_gap, trace_gap;                 // |paper - d| / |d|, |trace form - d| / |d|
  long a = 0, b = 0;
  double window_gap = 0;            // |window - d| / |d|
  Vec<double> exact, window, trace;  // d, the window coefficient, the trace form's prediction over the window
  std::vector<Ln2Level> levels;
  Vec<double> richardson, richardson_se;
  double richardson_along_se = 0;
  double rel = 0, rel_se = 0;  // |Richardson - window| / |window|, |se| / |window|
  CovarianceZ z, half, trace_z;
};
template <class S> struct Ln2Measurement {
  S sigma0;
  int N = 0, P = 0;
  int comparisons = 0;  // P x schemes: every |z| the statement's maximum runs over
  double z_crit = 0;    // Bonferroni 99.9% over the comparisons
  std::vector<Ln2Scheme<S>> schemes;
};

// ctx.samples Monte Carlo runs; the measurement judged, when `measured` is given.
template <class S> Case ln_drift_case(const RunContext& ctx, const ProblemSpec& spec, Ln2Measurement<S>* measured = nullptr);

}  // namespace irverify
