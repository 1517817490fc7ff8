// Distances of a Monte Carlo epoch mean (solvers/sgd/monte_carlo.hpp) with their noise, for SGD-2 and its study.
#pragma once

#include "solvers/sgd/monte_carlo.hpp"
#include "theory/scalar.hpp"

#include <cmath>
#include <utility>

namespace irverify {

// |estimate - target| and its standard deviation by the delta method, sqrt(sum_i (d_i/|d|)^2 se_i^2).
template <class S> std::pair<S, double> error_and_sigma(const McEstimate<S>& e, const Vec<S>& target) {
  using std::sqrt;
  const Vec<S> d = e.mean - target;
  const S n = d.norm();
  S v(0);
  for (int i = 0; i < d.size(); ++i) {
    const S w = n > 0 ? S(d(i) / n) : S(1);  // direction cosine (1 if the error is exactly 0)
    v += w * w * e.std_error(i) * e.std_error(i);
  }
  return {n, to_double(S(sqrt(v)))};
}

// Noise of one epoch sample: sqrt(S) |std_error|.
template <class S> double per_sample_noise(const McEstimate<S>& e) {
  return to_double(S(e.std_error.norm())) * std::sqrt(double(e.samples));
}

}  // namespace irverify
