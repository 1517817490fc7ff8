// Gradient-flow integration with Boost.Odeint, for comparison with TaylorFlow:
// Runge-Kutta-Fehlberg 7(8) (controlled) and Bulirsch-Stoer, both at
// absolute = relative tolerance tol, state std::vector<S>.
#pragma once

#include "solvers/compat/odeint_multiprecision.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "theory/models/model.hpp"

namespace irverify {

enum class OdeintMethod { RKF78, BulirschStoer };

// x(t) of x' = -grad L_B(x), x(0) = x0.
template <class S>
Vec<S> odeint_gradient_flow(const Model<S>& m, const Batch& b, const Vec<S>& x0, const S& t, const S& tol,
                            OdeintMethod method, FlowStats* stats = nullptr, const Deadline& deadline = {});

}  // namespace irverify
