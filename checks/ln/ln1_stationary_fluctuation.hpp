// LN-1 (CLAIMS.md; Damian, Ma & Lee 2021, Sec. 3): at an interpolating minimum, linearized label-noise SGD
//   delta <- (I - eta H_xi) delta + eta (sigma/B) sum_j s_j v_{i_j}
// has the stationary covariance S = (I - T)^{-1} eta^2 (sigma^2/B) H (T: STAB-2's second-moment operator), which
// exists iff eta < eta* (solvers/ln/stationary.hpp). Checked per batch scheme: S solves its equation and is positive
// definite on a ladder eta = x eta*; it exists just below eta* and not just above; it is the paper's eigenbasis form
// eta sigma^2/(B (2 - eta lambda_k)) for label-noise GD (B = N without replacement) to rounding, and the gap for
// B < N is tabled against x; Monte Carlo of the linearized process (and of the full nonlinear process at small sigma,
// projected on H's range) after t steps from delta = 0 meets the exact M_t (within 1e-3 of S) entry by entry at
// eta = eta*/2, Bonferroni-corrected over the r(r+1)/2 entries of every scheme and process. Negative controls on the same runs: the noise
// sigma^2/(2B), and the paper's form for a minibatch scheme.
#pragma once

#include "checks/framework/case.hpp"
#include "checks/ln/ln_setup.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr long kLn1Runs = 1L << 14;            // Monte Carlo runs per scheme and process
inline constexpr std::uint64_t kLn1Seed = 2021;
inline constexpr const char* kLn1Sigma = "0.001";    // label noise of the nonlinear runs (problem files: "sigma")
inline constexpr double kLn1Transient = 1e-3;         // t: the first step with |M_t - S|_F <= 1e-3 |S|_F
inline constexpr long kLn1MaxSteps = 1L << 16;
inline const std::vector<double> kLn1EtaFractions = {0.1, 0.25, 0.5, 0.75, 0.9, 0.99};
inline constexpr double kLn1McFraction = 0.5;         // Monte Carlo at eta = eta*/2 (one of kLn1EtaFractions)
inline constexpr int kLn1ThresholdBits = 20;          // S exists at eta*(1 - 2^-20), not at eta*(1 + 2^-20)

// The measurement of one scheme. The exact S at eta = x eta* (x in kLn1EtaFractions): the relative gap of the paper's
// form, the residual of S's equation with its tolerance, positive definiteness; S's existence either side of eta*;
// Monte Carlo at eta*/2 after t steps (t <= 0: M_t did not come within kLn1Transient of S in kLn1MaxSteps steps),
// each process's sample covariance against M_t, M_t/2 and the paper's form.
struct Ln1Process {
  bool nonlinear = false;
  CovarianceZ exact, half, paper;
};
template <class S> struct Ln1Scheme {
  BatchScheme scheme;
  bool gd = false;  // label-noise GD
  S eta_star;
  double eta_star_lambda = 0;  // eta* lambda_max / 2
  std::vector<S> gap, residual, tolerance;
  std::vector<bool> positive_definite;
  bool below = false, above = false;  // S exists at eta*(1 - 2^-bits), at eta*(1 + 2^-bits)
  double eta = 0;                     // of the Monte Carlo
  long t = 0;
  double transient_gap = 0, paper_gap = 0;  // |M_t - S| / |S|, |S_paper - S| / |S| at eta*/2 (double)
  std::vector<Ln1Process> processes;
};
template <class S> struct Ln1Measurement {
  S sigma;
  int N = 0;
  int rank = 0, entries = 0;  // r; n = r(r+1)/2, the size of the svec basis and the entries compared
  int comparisons = 0;        // entries x schemes x processes: every |z| the statement's maximum runs over
  double z_crit = 0;          // Bonferroni 99.9% over the comparisons
  std::vector<Ln1Scheme<S>> schemes;
};

// ctx.samples Monte Carlo runs; the measurement judged, when `measured` is given.
template <class S>
Case ln_stationary_case(const RunContext& ctx, const ProblemSpec& spec, Ln1Measurement<S>* measured = nullptr);

}  // namespace irverify
