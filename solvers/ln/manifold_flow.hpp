// The Riemannian gradient flow of the label-noise regularizer on the zero-loss manifold {r(theta) = 0}
// (CLAIMS.md LN-3; Damian, Ma & Lee 2021, Sec. 2): theta' = -P(theta) grad R(theta), P(theta) = I - V'(V V')^{-1} V the
// projection on the manifold's tangent space (V the N x dim output Jacobian, full row rank), R the paper's
// -(1/(2 eta)) log det(I - (eta/2) H) (eta > 0) or its eta -> 0 limit tr H/4 (eta = 0) (solvers/ln/drift.hpp).
// Integrated by classical RK4 with step dt, each step followed by the minimum-norm Gauss-Newton projection back on
// the manifold (theory/stability/interpolation.hpp), so the path stays on {r = 0} to `tol`.
// Under the time change t = lambda eta k (lambda = eta sigma^2/B) it is the manifold path of label-noise SGD.
#pragma once

#include "solvers/control/deadline.hpp"
#include "theory/models/model.hpp"

#include <vector>

namespace irverify {

// -P(theta) grad R(theta).
template <class S> Vec<S> regularizer_field(const Model<S>& m, const Vec<S>& theta, const S& eta);

// The flow from theta0 (on the manifold) to the times `at` (ascending, >= 0), RK4 with steps of at most dt; the
// deadline checked every step.
template <class S>
std::vector<Vec<S>> regularizer_flow(const Model<S>& m, const Vec<S>& theta0, const S& eta, const std::vector<S>& at,
                                     const S& dt, const S& tol, const Deadline& deadline = {});

// The flow run until |P grad R| <= rest (or time max_time), in chunks of 64 dt: the end point, the time it took and the
// field's norm there (above `rest` if max_time was reached).
template <class S> struct FlowRest {
  Vec<S> theta;
  S time;
  S field;
};
template <class S>
FlowRest<S> regularizer_flow_to_rest(const Model<S>& m, const Vec<S>& theta0, const S& eta, const S& dt, const S& tol,
                                     const S& rest, const S& max_time, const Deadline& deadline = {});

}  // namespace irverify
