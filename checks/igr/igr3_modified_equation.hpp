// IGR-3 (CLAIMS.md; derived by backward error analysis of explicit Euler): the modified field
// f + h f2 + h^2 f3, f3 = -(1/12) T[g,g] - (1/3) H^2 g, gives one-step local error O(h^4) on every smooth model;
// for quadratic L it is the truncation of the exact series -(1/h) log(I - hH)(theta - theta*), whose flow is GD
// itself; the Jacobian of f3 is symmetric for quadratics and not otherwise (no modified loss beyond first order).
// Negative controls: 1/6 instead of 1/12 (T term, where T != 0) and 1/6 instead of 1/3 (H^2 g term) lower the order;
// the Jacobian of f2 (a gradient field) must test symmetric on every model.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kIgrModifiedLevels = 14;

// Local error of one GD step against the flows of L~ (order 3, context), of f + h f2 + h^2 f3 (order 4) and of
// the controls; tables: Jacobian asymmetry ||J - J'||_F / ||J||_F of f2 and f3 at theta0.
template <class S> Case igr_third_order_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kIgrModifiedLevels);
// Quadratic models only: the truncated fields against the exact series (orders 1, 2, 3) and the exact-series
// flow against GD (to the precision floor).
template <class S> Case igr_quadratic_series_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kIgrModifiedLevels);

// Asymmetry thresholds (relative Frobenius norm), from the precision: symmetric up to rounding of the AD
// Jacobian (1024 dim eps), clearly asymmetric above sqrt(eps); between, the test is inconclusive (fails).
template <class S> S symmetric_tolerance(int dim) { return S(1024) * dim * eps<S>(); }
template <class S> S asymmetric_threshold() {
  using std::sqrt;
  return sqrt(eps<S>());
}


}  // namespace irverify
