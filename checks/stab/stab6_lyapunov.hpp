// STAB-6 (CLAIMS.md; Chemnitz & Engel, JMLR 2025; Ziyin et al. 2023): the top Lyapunov exponent Lambda(eta) of
// linearized SGD at an interpolating minimum decides whether SGD can converge there, not mean-square stability.
// Per problem and batch scheme (B = 1; B = 2 with and without replacement, when N > 2):
//   eta* (STAB-2, structured, in the claim's precision) and 2/lambda_max;
//   Lambda on a ladder eta = eta* x kStab6Grid (Monte Carlo, solvers/stability/lyapunov.hpp, double) until its sign
//   is resolved positive twice, then kStab6Bisections bisections of the sign change: eta_L lies in the bracket
//   [eta_-, eta_+] where Lambda is resolved negative / positive (99.9%), and is located inside it by linear
//   interpolation; the estimate's remaining bias must be below a tenth of its standard error;
//   rank one (1-D dynamics): Lambda = E log|1 - eta h_xi| exactly, eta_L its root by bisection in S; the Monte
//   Carlo estimates must agree with it (|z| <= 3.29). The built-in h in {1, 3}, B = 1 has the closed forms eta* =
//   4/5, 2/lambda_max = 1, eta_L = 4/3;
//   nonlinear SGD from perturbations of the minimum (solvers/stability/return_fraction.hpp) at every ladder eta
//   whose sign of Lambda is resolved: the fraction that returns must lie above 1/2 where Lambda < 0 and below where
//   Lambda > 0 (99.9% Wilson intervals), judged where Lambda is clearly away from 0: where the diffusion
//   approximation of log|delta| (drift Lambda, variance rate from the same runs) predicts a return probability
//   >= kStab6Clear or <= 1 - kStab6Clear (next to eta_L the walk returns or leaves by chance: reported, not judged).
// Statements: eta* <= eta_L (Lambda(eta*) < 0); Jensen, Lambda <= (1/2) log rho(T) on the ladder; the sign of
// Lambda decides return; the bias bound. Negative control (expected refuted): "SGD returns iff eta <= eta*".
// Figure per scheme: Lambda(eta) with its 99.9% band (and the exact exponent at rank one), eta* and eta_L as markers,
// the fraction returned on a second axis.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/case.hpp"
#include "solvers/stability/lyapunov.hpp"

#include <cstdint>

namespace irverify {

inline constexpr std::uint64_t kStab6Seed = 2025;
inline const std::vector<double> kStab6Grid = {0.9, 1.0, 1.07, 1.19, 1.33, 1.47, 1.61, 1.79, 2.03, 2.31, 2.63};
inline constexpr int kStab6Bisections = 3;
inline constexpr double kStab6Clear = 0.95;  // judged where the predicted return probability is >= 0.95 or <= 0.05
// The negative control, stated where the ladder has a point in (eta*, eta_L); required refuted on some instance.
inline constexpr const char* kStab6Control = "control: SGD returns to the minimum iff eta <= eta* (mean-square stability decides)";

struct Stab6Budget {
  long runs = 256;        // Lyapunov runs per eta
  long burn_in = 8000;
  long window = 32000;
  int return_runs = 64;   // nonlinear SGD runs per eta
  long return_cap = 200000;  // steps
};

// The sign of Lambda resolved at critical value z (-1: Lambda + z se < 0, +1: Lambda - z se > 0), or 0; z = kZ999 for
// one estimate, a Bonferroni value for the largest of several.
int lyapunov_sign(const LyapunovEstimate& e, double z = kZ999);

// The built-in one-dimensional instance: least squares with x = (1, sqrt 3), y = 0 (h_i = x_i^2 in {1, 3}), theta0 = 0.
ProblemSpec stab6_one_d_problem();
std::vector<ProblemSpec> stab6_problems();

template <class S> std::vector<Case> stab_lyapunov_cases(const RunContext& ctx, const ProblemSpec& spec, const Stab6Budget& budget = {});

}  // namespace irverify
