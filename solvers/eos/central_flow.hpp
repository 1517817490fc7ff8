// The central flow of gradient descent at the edge of stability (Cohen, Damian, Talwalkar, Kolter & Lee, ICLR 2025;
// CLAIMS.md EOS), one unstable direction, time t counted in steps:
//   dw/dt = -eta grad L                                     while S(w) < 2/eta (gradient flow),
//   dw/dt = -eta [grad L + (1/2) sigma^2 grad S],  sigma^2 = 2 <-grad L, grad S> / ||grad S||^2   once S reaches 2/eta,
// S the sharpness lambda_max(H); the flow then stays on S = 2/eta. The constrained phase holds while sigma^2 >= 0 (else
// gradient flow resumes). Integrated by classical RK4 with `sub` steps per unit time; in the constrained phase each step
// ends with one Newton step back onto S = 2/eta along grad S (which is normal to it: with that projection another
// coefficient than 1/2 would change the path only by O(dt), so a control on the 1/2 is judged on the variance
// sigma^2 / (2 p) it implies, not on a path).
#pragma once

#include "solvers/control/deadline.hpp"
#include "theory/linalg/dense.hpp"

#include <functional>
#include <vector>

namespace irverify {

template <class S> struct SharpnessFunctions {
  std::function<Vec<S>(const Vec<S>&)> grad_loss;       // grad L
  std::function<S(const Vec<S>&)> sharpness;            // S
  std::function<Vec<S>(const Vec<S>&)> grad_sharpness;  // grad S (T[u, u] for a simple top eigenvalue u)
};

template <class S> struct CentralFlowPath {
  std::vector<Vec<S>> w;       // at t = 0, 1, ..., steps
  std::vector<S> sigma2;       // sigma^2 at those times (0 in the gradient-flow phase)
  long onset = -1;             // the first whole time at or after which the constrained phase began (-1: never)
};

// The central flow, or gradient flow (constrained = false), from w0 for `steps` units of time.
template <class S>
CentralFlowPath<S> central_flow(const SharpnessFunctions<S>& f, const Vec<S>& w0, const S& eta, long steps, int sub,
                                bool constrained, const Deadline& deadline = {});

}  // namespace irverify
