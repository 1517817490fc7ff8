// The top Lyapunov exponent of linearized SGD at an interpolating minimum (CLAIMS.md STAB-6; Chemnitz & Engel, JMLR
// 2025; Ziyin et al. 2023):
//   Lambda(eta) = lim_t (1/t) log |(I - eta H_xi_t) ... (I - eta H_xi_1) delta_0|   (almost surely, a.e. delta_0),
// H_xi = (1/B) sum_{j in xi} w_j w_j' in the reduced coordinates of StabilityInstance. Lambda < 0: SGD can converge
// to the minimum (almost surely, from close enough); Lambda > 0: it cannot. Jensen gives Lambda <= (1/2) log rho(T),
// so eta* <= eta_L (Lambda(eta_L) = 0).
//   lyapunov_exponent: norm renormalization (every step; the iterate is a unit vector, so an update is never below
//     its rounding in double) over R independent runs. Run s (CounterStream(seed, s, kLyapunovDomain)) starts from
//     x ~ N(0, I), burns in b steps, then sums log(|x_{k+1}|/|x_k|) over a window of T steps; the estimate is the
//     mean of these sums over the runs divided by T, its standard error from their spread. The window starts from
//     the direction the dynamics reached, not an isotropic one: what bias remains, c_b/T, is measured with common
//     random numbers by two more vectors of the same run, started isotropic at step b/2 (half the burn-in) and at
//     step b (none), over the same window: their mean excess over x, times T, estimates c_{b/2} - c_b (>= c_b: the
//     transient decays geometrically) and c_0 - c_b (the bias of an estimator without burn-in). Window prefixes
//     T 2^-k give the horizon ladder. Block sums in run order: bit-identical for any thread count.
//   lyapunov_exact: rank one (1-D dynamics: delta' = (1 - eta h_xi) delta), Lambda = E log|1 - eta h_xi| by
//     enumerating every batch, in S.
#pragma once

#include "solvers/control/run_control.hpp"
#include "theory/stability/sgd_operator.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr std::uint32_t kLyapunovDomain = 8;  // lyapunov_exponent: linearized SGD products

struct LyapunovOptions {
  RunControl run;       // run.samples: runs (>= 2)
  long burn_in = 2000;  // b
  long window = 20000;  // T
  int ladder = 4;       // horizon ladder T 2^-k, k < ladder
};

struct LyapunovEstimate {
  double lambda = 0, stderr_ = 0;           // Lambda(eta) and its standard error
  double variance_rate = 0;                 // Var(window sum of log-growth)/T: the diffusion rate of log|delta_t|
  double bias_half = 0, bias_half_se = 0;   // (c_{b/2} - c_b)/T: bounds the remaining bias c_b/T
  double bias_none = 0, bias_none_se = 0;   // (c_0 - c_b)/T: the bias without burn-in
  std::vector<long> horizons;               // T 2^-k, ascending
  std::vector<double> ladder, ladder_se;    // the estimate over the first horizons[k] steps of the window
  long runs = 0, burn_in = 0, window = 0;
};

LyapunovEstimate lyapunov_exponent(const StabilityInstance<double>& in, int B, BatchSampling s, double eta,
                                   const LyapunovOptions& opt);

template <class S> S lyapunov_exact(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta);

}  // namespace irverify
