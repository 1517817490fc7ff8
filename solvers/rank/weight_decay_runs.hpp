// Runs of SGD with weight decay (solvers/rank/weight_decay_sgd.hpp) as the RANK claims take them: one run watched by
// an observer, and many runs of one process through block_map (solvers/parallel), each a pure function of (seed, run),
// their results in run order, bit-identical for any thread count.
//   weight_decay_observed_run  one run of `steps` steps; obs(t, theta_t, step) at t = 0 (before the first step, when
//                              step.gradient() is not yet set) and after every step t = 1 .. steps (step.gradient()
//                              is g_(t-1), the minibatch gradient at theta_(t-1); step.batch() its batch);
//   weight_decay_runs          opt.run.samples such runs under `seed` (not opt.run.seed: a caller may key several
//                              processes by seed), a fresh observer per run from make_observer(); the observers in run
//                              order;
//   weight_decay_end_points    opt.run.samples runs of weight_decay_run; at_end(theta_T) per run, in run order;
//   weight_decay_until         one run until stop(k, theta_(k-1), theta_k, step) returns true after step k, at most
//                              max_steps steps (a stop rule such as GD's "the step is at the rounding floor"); it
//                              returns the last two iterates and iterate_until's end.
// The deadline (opt.run.deadline for many runs) is checked as DeadlineCheck::per_batch says; NumericalFault if a
// run of a fixed length ends with an iterate that is not finite (iterate_checked_at_end: a non-finite coordinate stays
// so under the update); weight_decay_until leaves divergence to its stop rule.
#pragma once

#include "solvers/iterate/iterate.hpp"
#include "solvers/parallel/block_map.hpp"
#include "solvers/rank/weight_decay_sgd.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

template <class S, class Observer>
Vec<S> weight_decay_observed_run(const Model<S>& m, const WeightDecay<S>& wd, const Vec<S>& theta0, long steps, std::uint64_t seed,
                                 std::uint64_t run, const Deadline& deadline, Observer&& obs) {
  WeightDecayStep<S> step(m, wd, seed, run);
  step.watch(&deadline);
  Vec<S> x = theta0;
  obs(0L, static_cast<const Vec<S>&>(x), static_cast<const WeightDecayStep<S>&>(step));
  long t = 0;
  const auto observed_step = [&](Vec<S>& th) {
    step(th);
    obs(++t, static_cast<const Vec<S>&>(th), static_cast<const WeightDecayStep<S>&>(step));
  };
  iterate_checked_at_end(observed_step, x, steps, DeadlineCheck::per_batch(&deadline, wd.batch), "SGD with weight decay");
  return x;
}

template <class S, class MakeObserver>
auto weight_decay_runs(const Model<S>& m, const WeightDecay<S>& wd, const Vec<S>& theta0, long steps, std::uint64_t seed,
                       const BlockReduceOptions& opt, MakeObserver make_observer) -> std::vector<decltype(make_observer())> {
  using Observer = decltype(make_observer());
  return block_map<Observer>(opt, [&](long run) {
    Observer obs = make_observer();
    weight_decay_observed_run<S>(m, wd, theta0, steps, seed, static_cast<std::uint64_t>(run), opt.run.deadline, obs);
    return obs;
  });
}

template <class R, class S, class AtEnd>
std::vector<R> weight_decay_end_points(const Model<S>& m, const WeightDecay<S>& wd, const Vec<S>& theta0, long steps,
                                       std::uint64_t seed, const BlockReduceOptions& opt, AtEnd at_end) {
  return block_map<R>(opt, [&](long run) {
    const Vec<S> x = weight_decay_run<S>(m, wd, theta0, steps, seed, static_cast<std::uint64_t>(run), opt.run.deadline);
    return at_end(x);
  });
}

template <class S> struct WeightDecayEnd {
  Vec<S> before, theta;  // theta_(k-1) and theta_k after the last step k
  IterationEnd end;      // k, and whether the stop rule stopped the run
};

template <class S, class Stop>
WeightDecayEnd<S> weight_decay_until(const Model<S>& m, const WeightDecay<S>& wd, const Vec<S>& theta0, long max_steps, std::uint64_t seed,
                                     std::uint64_t run, const Deadline& deadline, Stop&& stop) {
  WeightDecayStep<S> step(m, wd, seed, run);
  step.watch(&deadline);
  WeightDecayEnd<S> r{theta0, theta0, {}};
  const auto advance = [&](Vec<S>& x) {
    r.before = x;
    step(x);
  };
  const auto stopped = [&](long k, const Vec<S>& x) {
    return stop(k, static_cast<const Vec<S>&>(r.before), x, static_cast<const WeightDecayStep<S>&>(step));
  };
  r.end = iterate_until(advance, r.theta, max_steps, stopped, DeadlineCheck::per_batch(&deadline, wd.batch));
  return r;
}

}  // namespace irverify
