// One iteration loop for every discrete dynamics of the suite, after Boost.Odeint's system/stepper/observer split
// (STYLE.md lesson 10): a stepper advances a state by one step (a GD step, an SGD step or epoch, a flow chunk);
// an observer sees (step index k >= 1, state after step k) and decides whether to stop (path recording, progress,
// divergence and stop rules are observers).
//   iterate(step, x, n, check)               exactly n steps; a state that stops being finite throws
//                                            NumericalFault at the step where it happens (never averaged in);
//   iterate_checked_at_end(step, x, n, check, what)
//                                            exactly n steps, finiteness checked once at the end (for hot Monte
//                                            Carlo loops: a NaN or infinite coordinate stays so under theta -= v, so
//                                            no fault escapes; only its step is not named);
//   iterate_until(step, x, max_steps, obs, check)
//                                            until obs returns true, at most max_steps steps (the observer judges
//                                            divergence: some runs are expected to diverge).
// `check` (solvers/control/deadline.hpp) runs before every step: a deadline checked every `stride` steps, which
// stops the loop with DeadlineExceeded when the run's time budget has passed; by default none.
#pragma once

#include "solvers/control/deadline.hpp"
#include "theory/models/model.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <type_traits>

namespace irverify {

// A run whose state became NaN or infinite: what, and at which step.
class NumericalFault : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <class S> bool all_finite(const Vec<S>& x) {
  if constexpr (std::is_floating_point_v<S>) {  // one vectorized sum, no early exit: x_i - x_i is +0 exactly when
    const S z = (x - x).sum();                   // x_i is finite and NaN otherwise, so z is 0 or NaN
    return z == z;
  }
  using std::isfinite;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!isfinite(x(i))) return false;
  return true;
}

struct IterationEnd {
  long steps = 0;        // steps taken
  bool stopped = false;  // the observer stopped the run (false: the step budget ran out)
};

template <class Stepper, class State> void iterate(Stepper&& step, State& x, long n, const DeadlineCheck& check = {}) {
  for (long k = 1; k <= n; ++k) {
    check(k - 1);
    step(x);
    if (!all_finite(x)) throw NumericalFault(fmt::format("the iterate is not finite after step {} of {}", k, n));
  }
}

template <class Stepper, class State>
void iterate_checked_at_end(Stepper&& step, State& x, long n, const DeadlineCheck& check, const char* what) {
  for (long k = 0; k < n; ++k) {
    check(k);
    step(x);
  }
  if (!all_finite(x)) throw NumericalFault(fmt::format("{}: the iterate is not finite after {} steps", what, n));
}

template <class Stepper, class State, class Observer>
IterationEnd iterate_until(Stepper&& step, State& x, long max_steps, Observer&& stop, const DeadlineCheck& check = {}) {
  for (long k = 1; k <= max_steps; ++k) {
    check(k - 1);
    step(x);
    if (stop(k, static_cast<const State&>(x))) return {k, true};
  }
  return {max_steps, false};
}

// GD on L_B: theta <- theta - h grad L_B(theta). `increment` keeps the last h grad L_B (its norm drives stop rules).
template <class S> struct GdStep {
  const Model<S>& model;
  const Batch& batch;
  S h;
  Vec<S> increment;
  void operator()(Vec<S>& theta) {
    increment = h * model.gradient(theta, batch);
    theta -= increment;
  }
};

// One SGD epoch (Smith et al. 2021, Sec. 2): the batches in the given order, theta <- theta - eps grad L_k(theta).
template <class S> struct SgdEpoch {
  const Model<S>& model;
  const Partition& batches;  // in visiting order
  S eps;
  void operator()(Vec<S>& theta) const {
    for (const auto& b : batches) theta -= eps * model.gradient(theta, b);
  }
};

}  // namespace irverify
