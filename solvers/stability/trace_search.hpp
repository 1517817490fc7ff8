// Instances for the trace bounds of SGD stability (CLAIMS.md STAB-3; Wu & Su 2023): with eta* the exact mean-square
// threshold (solvers/stability/sgd_threshold.hpp), the ratios eta* tr H / 2 (Wu & Su's bound at B = 1), eta* tr H /
// (2B) (the bound for any B) and eta* |H|_F of an instance, and a search for instances that maximize them:
//   trace_search: features V (N x N) drawn Gaussian with row norms scaled by 2^U[-2, 2] (`random_instances` of them),
//     then `restarts` runs of a (1+1) evolution strategy with the 1/5 success rule from such a random start,
//     maximizing eta* tr H / 2 (and, for B >= 2, separately eta* tr H / (2B)) over full-rank instances; each
//     mutation adds sigma |v_i| z to row i, z standard normal. Everything of one (N, scheme) draws, in that order,
//     from CounterStream(seed, 100 N + 10 B + sampling, kTraceSearchDomain). Double throughout.
#pragma once

#include "solvers/stability/sgd_threshold.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr std::uint32_t kTraceSearchDomain = 5;  // random and adversarial features

template <class S> struct TraceRatios {
  S eta, b1, bB, frob;  // eta*, eta* tr H / 2, eta* tr H / (2B), eta* |H|_F
};
template <class S> TraceRatios<S> trace_ratios(const StabilityInstance<S>& in, const BatchScheme& bs) {
  const S eta = eta_star_structured<S>(in, bs.B, bs.sampling);
  return {eta, eta * in.trace() / 2, eta * in.trace() / S(2 * bs.B), eta * in.frobenius()};
}

struct TraceSearchOptions {
  std::uint64_t seed = 1;
  int random_instances = 200;
  int restarts = 4;
  int iterations = 1500;  // per restart
};

struct RandomInstanceRatios {
  TraceRatios<double> ratios;
  double tol;  // eta_star_tolerance of the instance (solvers/stability/interpolating_minimum.hpp)
};

struct TraceSearch {
  std::vector<RandomInstanceRatios> random;
  // The maximizers of eta* tr H / 2 and of eta* tr H / (2B) over the restarts (at B = 1 the same), with the values
  // the search saw (double).
  Mat<double> best_b1, best_bB;
  double search_b1 = 0, search_bB = 0;
};

TraceSearch trace_search(int N, const BatchScheme& bs, const TraceSearchOptions& opt);

}  // namespace irverify
