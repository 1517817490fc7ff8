// Central differences for the derivative checks (built-in models, registered models): the step and the bound are
// tol::central_step and tol::central_difference_bound (checks/framework/tolerance.hpp).
#pragma once

#include "theory/linalg/dense.hpp"

namespace irverify {

// (f(x + h e_i) - f(x - h e_i)) / 2h; R is the value type of f (a scalar or Vec<S>), evaluated here so that no Eigen
// expression outlives its operands.
template <class R, class S, class F> R central_difference(F f, const Vec<S>& x, int i, const S& h) {
  Vec<S> a = x, b = x;
  a(i) += h;
  b(i) -= h;
  const R fa = f(a), fb = f(b);
  return R((fa - fb) / (2 * h));
}

}  // namespace irverify
