#include "solvers/stability/trace_search.hpp"

#include "solvers/stability/interpolating_minimum.hpp"
#include "theory/random/counter_stream.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>

#include <fmt/format.h>

namespace irverify {

namespace {

Mat<double> random_features(int N, CounterStream& rng) {
  Mat<double> V(N, N);
  for (int i = 0; i < N; ++i) {
    for (int k = 0; k < N; ++k) V(i, k) = rng.normal();
    V.row(i) *= std::exp2(4 * rng.uniform() - 2) / V.row(i).norm();
  }
  return V;
}

enum class Target { b1, bB };  // maximize eta* tr H / 2, or eta* tr H / (2B)

double objective(const Mat<double>& V, const BatchScheme& bs, Target t) {
  try {
    const StabilityInstance<double> in = stability_instance<double>(V);
    if (in.rank() < V.rows()) return -1;  // keep full-rank instances
    const TraceRatios<double> r = trace_ratios(in, bs);
    return t == Target::b1 ? r.b1 : r.bB;
  } catch (const std::exception&) {
    return -1;
  }
}

// (1+1) evolution strategy with the 1/5 success rule, from a random start.
Mat<double> evolve(int N, const BatchScheme& bs, Target t, CounterStream& rng, int iterations, double& best) {
  Mat<double> x = random_features(N, rng);
  best = objective(x, bs, t);
  double sigma = 0.3;
  for (int it = 0; it < iterations; ++it) {
    Mat<double> y = x;
    for (int i = 0; i < N; ++i)
      for (int k = 0; k < N; ++k) y(i, k) += sigma * rng.normal() * x.row(i).norm();
    const double f = objective(y, bs, t);
    if (f > best) {
      x = y, best = f;
      sigma *= 1.5;
    } else {
      sigma *= std::pow(1.5, -0.25);
    }
    sigma = std::clamp(sigma, 1e-6, 1.0);
  }
  return x;
}

}  // namespace

TraceSearch trace_search(int N, const BatchScheme& bs, const TraceSearchOptions& opt) {
  // One stream per (N, B, sampling) under the seed: 100 N + 10 B + sampling, distinct for B <= 9 (STAB-3's grid).
  if (N < 1 || N > 40000000 || bs.B < 1 || bs.B > 9)
    throw std::invalid_argument(fmt::format("trace_search: N = {}, B = {} outside 1 <= B <= 9, 1 <= N <= 4e7 (the stream "
                                            "index 100 N + 10 B + sampling would be shared)", N, bs.B));
  CounterStream rng(opt.seed, static_cast<std::uint32_t>(N * 100 + bs.B * 10 + int(bs.sampling)), kTraceSearchDomain);
  TraceSearch s;
  for (int k = 0; k < opt.random_instances; ++k) {
    const StabilityInstance<double> in = stability_instance<double>(random_features(N, rng));
    s.random.push_back({trace_ratios(in, bs), eta_star_tolerance(in)});
  }
  // The B-free ratio (for B >= 2 the search looks for a violation; at B = 1 it is the Wu-Su bound) and the 2B ratio.
  for (int rs = 0; rs < opt.restarts; ++rs) {
    double f;
    Mat<double> x = evolve(N, bs, Target::b1, rng, opt.iterations, f);
    if (f > s.search_b1) s.search_b1 = f, s.best_b1 = x;
    if (bs.B > 1) {
      x = evolve(N, bs, Target::bB, rng, opt.iterations, f);
      if (f > s.search_bB) s.search_bB = f, s.best_bB = x;
    }
  }
  if (bs.B == 1) s.search_bB = s.search_b1, s.best_bB = s.best_b1;
  return s;
}

}  // namespace irverify
