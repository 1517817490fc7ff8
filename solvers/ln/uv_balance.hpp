// LWA-1 (CLAIMS.md LWA): SGD with batches of one example on the u v model l_i = 1/2 (u v x_i - y_i)^2 (the two-param
// model), theta = (u, v). Its balance D = u^2 - v^2 obeys exactly, whatever the sampling,
//   D_{k+1} = D_k (1 - eta^2 (u_k v_k x_i - y_i)^2 x_i^2)      (i the example of step k).
// uv_balance_mc estimates E[D_k] / D_0 at the steps k of `at` from run.samples runs; run r draws from
// CounterStream(run.seed, r, kLwaDomain): examples i.i.d. uniform (with replacement) or in reshuffled epochs (a fresh
// uniform permutation of the N examples every N steps, Fisher-Yates).
#pragma once

#include "solvers/control/run_control.hpp"
#include "theory/linalg/dense.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr std::uint32_t kLwaDomain = 14;  // uv_balance_mc: examples of SGD on the u v model

template <class S> struct BalanceEstimate {
  S mean, se;  // E[D_k] / D_0 and its standard error (sample sd / sqrt(runs))
  long runs = 0;
};

// x, y: the data (N >= 1); theta0 = (u0, v0) with u0^2 != v0^2; eta > 0; `at` ascending, >= 0; run.samples >= 2. A
// run whose iterate stops being finite throws NumericalFault.
template <class S>
std::vector<BalanceEstimate<S>> uv_balance_mc(const Vec<S>& x, const Vec<S>& y, const Vec<S>& theta0, const S& eta,
                                              const std::vector<long>& at, bool reshuffle, const RunControl& run);

}  // namespace irverify
