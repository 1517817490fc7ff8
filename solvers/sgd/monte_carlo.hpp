// Monte Carlo estimate of the shuffled-SGD epoch mean E_pi[theta_m] (CLAIMS.md SGD-2) from S random orders.
//   plain:       the sample is theta_pi, pi = random_order(m, seed, s), s = 0..S-1;
//   antithetic:  the sample is (theta_pi + theta_rev(pi)) / 2; the pair mean equals the exact mean up to
//                O(eps^3) (its O(eps^2) order-dependence is odd under reversal), so it resolves O(eps^3) terms
//                with far fewer samples.
// Samples are summed in fixed blocks of kBlock in sample order, and the block sums in block order, so the result
// is bit-identical for any number of threads. Deviations are accumulated from a reference point (the first-order
// mean theta0 - m eps g) to keep the O(eps^2) scatter free of cancellation.
#pragma once

#include "solvers/sgd/shuffling.hpp"

#include <cstdint>
#include <functional>

namespace irverify {

struct McOptions {
  std::uint64_t seed = 1;
  long samples = 1000;  // S: orders (plain) or pairs (antithetic)
  bool antithetic = false;
  int threads = 1;
  std::function<void(long done, long total)> progress;  // called from one thread, may be empty
};

template <class S> struct McEstimate {
  Vec<S> mean;       // estimate of E_pi theta_m
  Vec<S> std_error;  // per coordinate: sample standard deviation / sqrt(S)
  long samples = 0;
  long batch_steps = 0;
};

inline constexpr long kMcBlock = 64;

template <class S>
McEstimate<S> mc_epoch_mean(const Model<S>& m, const Partition& p, const Vec<S>& theta0, const S& eps, const McOptions& opt);

// The same estimator for any epoch map: epoch(order, theta) runs one epoch in place from theta = theta0;
// r is the reference point of the accumulated deviations; batches = m.
template <class S>
McEstimate<S> mc_mean(const std::function<void(const std::vector<int>&, Vec<S>&)>& epoch, int batches,
                      const Vec<S>& theta0, const Vec<S>& r, const McOptions& opt);

}  // namespace irverify
