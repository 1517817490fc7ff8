// SGD with random shuffling (Smith, Dherin, Barrett & De, ICLR 2021, Sec. 2; CLAIMS.md SGD): the N examples are
// split by a fixed partition into m batches; one epoch visits them in an order pi,
//   theta_{k+1} = theta_k - eps grad L_{pi(k)}(theta_k),  k = 0..m-1.
// exact_epoch_mean averages theta_m over all m! orders by depth-first enumeration of the order tree: the
// iterate after a prefix is computed once and shared by every order that starts with it, so an epoch mean costs
// sum_{k=1..m} m!/(m-k)! (about e m!) batch steps instead of m m!.
#pragma once

#include "solvers/control/deadline.hpp"
#include "theory/models/model.hpp"

#include <vector>

namespace irverify {

inline constexpr std::uint32_t kSgdOrderDomain = 1;  // random_order: epoch orders

template <class S>
Vec<S> sgd_epoch(const Model<S>& m, const Partition& p, const std::vector<int>& order, const Vec<S>& theta0, const S& eps);

template <class S> struct EpochMean {
  Vec<S> mean;           // E_pi theta_m
  S spread = S(0);       // sqrt(E_pi ||theta_pi - mean||^2): how far one order is from the mean
  long orders = 0;       // m!
  long batch_steps = 0;  // steps taken with prefix sharing
};

// theta0 - eps sum_k grad L_k(theta0): the epoch mean to first order, the reference point from which the exact and
// Monte Carlo means accumulate deviations (so the O(eps^2) spread is not lost to cancellation against |theta|^2).
template <class S> Vec<S> first_order_mean(const Model<S>& m, const Partition& p, const Vec<S>& theta0, const S& eps);

// Exact mean over all m! orders (m <= 10).
template <class S>
EpochMean<S> exact_epoch_mean(const Model<S>& m, const Partition& p, const Vec<S>& theta0, const S& eps,
                              const Deadline& deadline = {});

// A uniformly random order of 0..m-1 from the counter-based stream (seed, sample, domain 1): Fisher-Yates.
std::vector<int> random_order(int m, std::uint64_t seed, std::uint64_t sample);
void random_order(int m, std::uint64_t seed, std::uint64_t sample, int* out);  // the same into out[0..m)

}  // namespace irverify
