// Taylor-series integrator for autonomous ODEs x' = F(x), F a recorded Program.
//
// Each step computes the Taylor coefficients x_0..x_K of the solution by
// propagating truncated series through the tape, one degree at a time
// (x_{k+1} = F(x)_k / (k+1)); products cost O(K^2) per node, constant
// operations O(K). Order and step follow Jorba & Zou (2005, Exp. Math. 14):
//   K = ceil(-ln(tol) / 2) + 1,   h = e^-2 min_{j in {K-1, K}} (s / ||x_j||_inf)^(1/j),
// with s = max(1, ||x||_inf) (mixed absolute/relative tolerance), so that the
// truncated tail is about tol * s per step. Steps are cut so that no ReLU/step
// argument changes sign inside a step (their series are one-sided).
#pragma once

#include "solvers/control/deadline.hpp"
#include "theory/ad/program.hpp"
#include "theory/linalg/dense.hpp"

namespace irverify {

struct FlowStats {
  long steps = 0;
  int order = 0;
};

template <class S> class TaylorFlow {
 public:
  // tol: local relative tolerance; defaults to the precision (see default_tolerance()). The deadline is checked
  // every step.
  explicit TaylorFlow(Program<S> field, S tol = default_tolerance()) : TaylorFlow(std::move(field), Deadline(), tol) {}
  TaylorFlow(Program<S> field, Deadline deadline, S tol = default_tolerance());
  // x(t) for x(0) = x0, t >= 0.
  Vec<S> integrate(const Vec<S>& x0, const S& t, FlowStats* stats = nullptr) const;
  int order() const { return order_; }
  // 64 eps: the truncation target sits a few bits above rounding of the O(K) term sums.
  static S default_tolerance() { return 64 * eps<S>(); }

 private:
  Program<S> field_;
  Deadline deadline_;
  S tol_;
  int order_;
};

// The error floor of a solution from x0 at the default tolerance: tolerance * max(1, |x0|) (the step
// control is relative to max(1, |x|)).
template <class S> double flow_floor(const Vec<S>& x0) {
  return to_double(S(TaylorFlow<S>::default_tolerance() * std::max(S(1), S(x0.norm()))));
}

}  // namespace irverify
