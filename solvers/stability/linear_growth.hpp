// Growth of the linearized iterations at an interpolating minimum (CLAIMS.md STAB-1, STAB-2).
//   gd_linear_rate: delta' = delta - eta H delta with H = (1/N) V'V applied matrix-free (V: rows v_i), in S;
//     the rate is (log|delta_T| - log|delta_{T/2}|)/(T/2), which tends to log rho(I - eta H) on the range of H;
//     -inf if an iterate is exactly 0 (rho = 0: rank-1 H at eta = 1/lambda).
//     Each iterate is projected on the range of H (the row space of V, V full row rank): rounding would otherwise
//     feed the null space, where nothing decays, and stall the rate at 0 once the range part is below eps.
//   mc_growth: S independent runs of linearized SGD in the reduced coordinates (rows w_i of W, double),
//     delta' = delta - (eta/B) sum_{j in xi} w_j (w_j . delta), batches with or without replacement, started from
//     delta_0 = M0^{1/2} z, z standard normal, so E[delta_0 delta_0'] = M0. With M0 the top eigenmatrix of T,
//     E|delta_t|^2 = rho(T)^t tr M0 exactly, and log(mean |delta_t|^2 / mean |delta_0|^2)/t estimates log rho(T);
//     its standard error comes from the delta method on the two correlated means (the almost-sure growth rate, the
//     Lyapunov exponent, is solvers/stability/lyapunov.hpp's: it needs a burn-in and long horizons). Sample s uses
//     CounterStream(seed, s, kStabilityDomain); sums run in fixed blocks in sample order (bit-identical for any
//     thread count).
#pragma once

#include "theory/random/counter_stream.hpp"
#include "solvers/control/run_control.hpp"
#include "theory/stability/sgd_operator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

namespace irverify {

inline constexpr std::uint32_t kStabilityDomain = 4;  // mc_growth: linearized SGD runs

// One batch of batch.size() examples out of N: i.i.d. uniform (with replacement), or the first B entries of a
// partial Fisher-Yates shuffle of 0..N-1 (without). perm is scratch of size N.
inline void draw_batch(CounterStream& rng, int N, BatchSampling s, std::vector<int>& perm, std::vector<int>& batch) {
  const int B = static_cast<int>(batch.size());
  if (s == BatchSampling::WithReplacement) {
    for (int j = 0; j < B; ++j) batch[j] = static_cast<int>(rng.below(static_cast<std::uint32_t>(N)));
    return;
  }
  std::iota(perm.begin(), perm.end(), 0);
  for (int j = 0; j < B; ++j) {
    std::swap(perm[j], perm[j + rng.below(static_cast<std::uint32_t>(N - j))]);
    batch[j] = perm[j];
  }
}

// Calls f(batch) for every batch of B examples out of N: each ordered B-tuple (with replacement: N^B of them), or
// each B-subset in increasing order (without: C(N, B)). Both are the uniform batch distributions of draw_batch.
template <class F> void for_each_batch(int N, int B, BatchSampling s, F f) {
  std::vector<int> idx(B, 0);
  if (s == BatchSampling::WithoutReplacement) std::iota(idx.begin(), idx.end(), 0);
  for (;;) {
    f(static_cast<const std::vector<int>&>(idx));
    int j = B - 1;
    if (s == BatchSampling::WithReplacement) {
      while (j >= 0 && ++idx[j] == N) idx[j--] = 0;
    } else {
      while (j >= 0 && idx[j] == N - B + j) --j;
      if (j >= 0) {
        ++idx[j];
        for (int k = j + 1; k < B; ++k) idx[k] = idx[k - 1] + 1;
      }
    }
    if (j < 0) return;
  }
}

template <class S> S gd_linear_rate(const Mat<S>& V, const Vec<S>& delta0, const S& eta, int steps);

// The start of a direct iteration: delta_0 = V'c, c_i = 1 + i/N (a component along every eigenvector, generically).
template <class S> Vec<S> linear_start(const Mat<S>& V) {
  const int N = static_cast<int>(V.rows());
  Vec<S> coef(N);
  for (int i = 0; i < N; ++i) coef(i) = S(1) + S(i) / S(N);
  return V.transpose() * coef;
}
// A horizon T at which the leading mode dominates the next distinct one by e^-32 over the measured half [T/2, T]:
// T/2 log(q1/q2) >= 32 for the moduli q, descending (T in [64, 2^16]).
template <class S> int linear_horizon(const std::vector<S>& q) {
  using std::log;
  S gap(0);
  for (std::size_t k = 1; k < q.size() && gap == 0; ++k)
    if (q[k] < q[0]) gap = log(S(q[0] / q[k]));
  const double t = gap == 0 ? 64.0 : std::ceil(64.0 / to_double(gap));
  return static_cast<int>(std::clamp(t, 64.0, 65536.0));
}

struct GrowthOptions {
  RunControl run;  // run.samples: runs (>= 2), seeded streams per run
  int steps = 100;
};

struct GrowthEstimate {
  double log_rate = 0;  // estimate of log rho(T) per step
  double stderr_ = 0;   // its standard error
  long samples = 0;
  int steps = 0;
};

// Sums over runs of x0 = |delta_0|^2 and xt = |delta_t|^2 (and their squares and product), and the estimate
// log(mean xt / mean x0)/t with its delta-method standard error (shared by the Monte Carlo growth routines).
struct GrowthSums {
  double x0 = 0, xt = 0, x00 = 0, xtt = 0, x0t = 0;
  GrowthSums& operator+=(const GrowthSums& o) {
    x0 += o.x0, xt += o.xt, x00 += o.x00, xtt += o.xtt, x0t += o.x0t;
    return *this;
  }
  void add(double a0, double at) { x0 += a0, xt += at, x00 += a0 * a0, xtt += at * at, x0t += a0 * at; }
};
GrowthEstimate growth_estimate(const GrowthSums& tot, long samples, int steps);

GrowthEstimate mc_growth(const Mat<double>& W, int B, BatchSampling s, double eta, const Mat<double>& M0,
                         const GrowthOptions& opt);

}  // namespace irverify
