#include "solvers/limits/limit_point.hpp"

#include "solvers/flow/taylor_flow.hpp"
#include "solvers/iterate/iterate.hpp"
#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace irverify {

namespace {

// Tracks increments and decides when the remaining distance is below the target.
template <class S> struct StopRule {
  const LimitOptions& opt;
  std::vector<S> d;  // last increments (at most 4)
  S remaining = S(0);

  // Records the increment of one iteration; true when converged.
  bool add(const S& inc, long iteration) {
    d.push_back(inc);
    if (d.size() > 4) d.erase(d.begin());
    if (inc == 0) {
      remaining = S(0);
      return true;
    }
    if (iteration < opt.min_iterations || d.size() < 4) return false;
    S q(0);
    for (std::size_t i = 1; i < d.size(); ++i) q = std::max(q, S(d[i] / d[i - 1]));
    if (!(q < 1)) return false;
    remaining = inc * q / (1 - q);
    return remaining <= S(opt.target);
  }
  void reset() { d.clear(); }
};

bool keep_in_path(long k) {
  if (k < 64) return true;
  // then a geometric subsample: multiples of p in [4p, 8p), four points per octave
  long p = 1;
  while (p * 4 <= k) p *= 2;
  return k % p == 0;
}

template <class S> void check_options(const LimitOptions& opt) {
  if (!(opt.target > 0)) throw std::invalid_argument("limit: target must be > 0");
}

}  // namespace

template <class S>
LimitPoint<S> gd_limit(const Model<S>& m, const Batch& b, const Vec<S>& theta0, const S& h, const LimitOptions& opt) {
  check_options<S>(opt);
  LimitPoint<S> r;
  r.theta = theta0;
  r.path.push_back(theta0);
  StopRule<S> stop{opt, {}};
  GdStep<S> gd{m, b, h, {}};
  const IterationEnd end = iterate_until(gd, r.theta, opt.max_iterations, [&](long k, const Vec<S>& th) {
    if (keep_in_path(k)) r.path.push_back(th);
    if (!(th.norm() < 1e6)) {
      r.note = fmt::format("GD diverged at step {} (h = {})", k, to_double(h));
      return true;
    }
    return r.converged = stop.add(S(gd.increment.norm()), k);
  }, DeadlineCheck{&opt.deadline, 1});
  r.iterations = end.steps;
  if (end.stopped && !r.converged) return r;  // diverged
  if (!r.converged) r.note = fmt::format("GD did not converge in {} steps", opt.max_iterations);
  r.time = h * r.iterations;
  r.remaining = stop.remaining;
  if (r.path.back() != r.theta) r.path.push_back(r.theta);
  return r;
}

template <class S>
LimitPoint<S> flow_limit(Program<S> field, const Vec<S>& theta0, const S& dt0, const LimitOptions& opt) {
  check_options<S>(opt);
  const TaylorFlow<S> flow(std::move(field), opt.deadline);
  LimitPoint<S> r;
  r.theta = theta0;
  r.path.push_back(theta0);
  StopRule<S> stop{opt, {}};
  S dt = dt0, inc(0);
  // One chunk of the flow: theta <- phi_dt(theta).
  auto chunk = [&](Vec<S>& th) {
    const Vec<S> next = flow.integrate(th, dt);
    inc = (next - th).norm();
    th = next;
    r.time += dt;
  };
  const IterationEnd end = iterate_until(chunk, r.theta, opt.max_iterations, [&](long k, const Vec<S>& th) {
    r.path.push_back(th);
    if (!(th.norm() < 1e6)) {
      r.note = fmt::format("flow left |theta| < 1e6 at t = {}", to_double(r.time));
      return true;
    }
    if ((r.converged = stop.add(inc, k))) return true;
    // Slow contraction per chunk (the last increment fell, but by less than half): double the chunk, and restart
    // the ratios, which are only compared at equal chunk lengths.
    const std::size_t n = stop.d.size();
    if (n >= 2 && stop.d[n - 1] < stop.d[n - 2] && stop.d[n - 1] > stop.d[n - 2] / 2) {
      dt *= 2;
      stop.reset();
    }
    return false;
  }, DeadlineCheck{&opt.deadline, 1});
  r.iterations = end.steps;
  if (end.stopped && !r.converged) return r;  // diverged
  if (!r.converged) r.note = fmt::format("flow did not converge in {} chunks", opt.max_iterations);
  r.remaining = stop.remaining;
  return r;
}

#define IRVERIFY_INST(S)                                                                                          \
  template LimitPoint<S> gd_limit<S>(const Model<S>&, const Batch&, const Vec<S>&, const S&, const LimitOptions&); \
  template LimitPoint<S> flow_limit<S>(Program<S>, const Vec<S>&, const S&, const LimitOptions&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
