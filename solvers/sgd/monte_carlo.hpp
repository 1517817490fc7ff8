// Monte Carlo estimate of the shuffled-SGD epoch mean E_pi[theta_m] (CLAIMS.md SGD-2) from S random orders.
//   plain:       the sample is theta_pi, pi = random_order(m, seed, s), s = 0..S-1;
//   antithetic:  the sample is (theta_pi + theta_rev(pi)) / 2; the pair mean equals the exact mean up to
//                O(eps^3) (its O(eps^2) order-dependence is odd under reversal), so it resolves O(eps^3) terms
//                with far fewer samples.
// Samples are summed in fixed blocks of kBlock in sample order, and the block sums in block order, so the result
// is bit-identical for any number of threads. Deviations are accumulated from a reference point (the first-order
// mean theta0 - m eps g) to keep the O(eps^2) scatter free of cancellation.
#pragma once

#include "solvers/control/run_control.hpp"
#include "solvers/sgd/shuffling.hpp"
#include "solvers/stats/moment_sums.hpp"

#include <cstdint>
#include <functional>

namespace irverify {

inline constexpr std::uint32_t kWithReplacementDomain = 3;  // epoch_batches: batches drawn with replacement

// How an epoch picks its m batches (Smith et al. study shuffling; the others are options for comparison):
//   Shuffle          the fixed partition in a random order (random_order, domain 1);
//   Repartition      a fresh uniformly random partition into batches of the partition's size each epoch (domain 2);
//   WithReplacement  m batches of B examples drawn independently and uniformly with replacement (domain 3).
// "Reverse" (antithetic) visits the same batches in the reverse order.
enum class Sampling { Shuffle, Repartition, WithReplacement };

struct McOptions {
  RunControl run;  // run.samples = S: orders (plain) or pairs (antithetic); run.seed keys the orders
  bool antithetic = false;
  Sampling sampling = Sampling::Shuffle;
  // mc_epoch_mean in double with Shuffle sampling and batches of one size: run the epochs through the model's SIMD
  // kernel if it has one (solvers/sgd/kernel_monte_carlo.hpp; the same orders, the kernel's summation order).
  bool simd = true;
};

// The batches of epoch `sample` under the sampling scheme, in visiting order.
Partition epoch_batches(const Partition& p, int examples, Sampling sampling, std::uint64_t seed, std::uint64_t sample);

template <class S> struct McEstimate {
  Vec<S> mean;       // estimate of E_pi theta_m
  Vec<S> std_error;  // per coordinate: sample standard deviation / sqrt(S)
  long samples = 0;
  long batch_steps = 0;
  bool simd = false;  // the epochs ran through a SIMD kernel
};

inline constexpr long kMcBlock = 64;

// What every estimator requires of its options (std::invalid_argument naming `who`): at least 2 samples, 1 thread.
void check_mc_options(const McOptions& opt, const char* who);
// The estimate from the moment sums of n deviations from the reference point r.
template <class S> McEstimate<S> mc_estimate(const MomentSums<S>& tot, const Vec<S>& r, long n, long batch_steps) {
  McEstimate<S> e;
  e.samples = n;
  e.batch_steps = batch_steps;
  e.mean = r + tot.mean(n);
  e.std_error = tot.std_error(n);
  return e;
}

template <class S>
McEstimate<S> mc_epoch_mean(const Model<S>& m, const Partition& p, const Vec<S>& theta0, const S& eps, const McOptions& opt);

// The same estimator for any epoch map: epoch(sample, reversed, theta) runs epoch `sample` (its batches in reverse
// order if reversed) in place from theta = theta0; r is the reference point of the accumulated deviations;
// batches = m (for the step count).
template <class S>
McEstimate<S> mc_mean(const std::function<void(std::uint64_t, bool, Vec<S>&)>& epoch, int batches, const Vec<S>& theta0,
                      const Vec<S>& r, const McOptions& opt);

}  // namespace irverify
