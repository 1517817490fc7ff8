// An interpolating minimum of a regression problem (CLAIMS.md STAB, LN; Wu & Su 2023): theta0 itself if it
// interpolates, else minimum-norm Gauss-Newton from theta0 (theory/stability/interpolation.hpp) to
// ||r|| <= kMinimumResidualUlps N eps max(1, max|y|) (the rounding level of N residuals of that size); its output
// Jacobian V (rows v_i = grad f(x_i)), the model's Hessian there and the reduced stability instance.
#pragma once

#include "theory/problem/problem.hpp"
#include "theory/stability/interpolation.hpp"
#include "theory/stability/sgd_operator.hpp"

#include <string>

namespace irverify {

inline constexpr int kMinimumResidualUlps = 64;

// "" if the problem has interpolating minima to analyse: a regression model with no more examples than parameters.
std::string interpolation_not_applicable(const ProblemSpec& s);

template <class S> S minimum_residual_tolerance(const Model<S>& m) {
  using std::abs;
  S ymax(1);  // max(1, max |y_i|), with y_i = -r_i(0) (every regression model has f = 0 at theta = 0)
  for (int i = 0; i < m.num_examples(); ++i) ymax = std::max(ymax, S(abs(S(m.residual(Vec<S>::Zero(m.dim()), i)))));
  return S(kMinimumResidualUlps * m.num_examples()) * eps<S>() * ymax;
}

// Relative tolerance of comparisons with eta*: 64 n eps (eta* is exact to a few n eps, n = r(r+1)/2).
template <class S> S eta_star_tolerance(const StabilityInstance<S>& in) { return S(64 * SymBasis{in.rank()}.size()) * eps<S>(); }

// The instance rounded to double, for the Monte Carlo solvers.
template <class S> StabilityInstance<double> to_double_instance(const StabilityInstance<S>& in) {
  return {in.N, to_doubles(in.lambda), to_doubles(in.W)};
}

// The minimum of `spec` (ProblemError if there is none: N > dim and theta0 does not interpolate, or Gauss-Newton
// stalls).
template <class S> struct InterpolatingMinimum {
  Problem<S> pr;
  InterpolationResult<S> min;
  Mat<S> V, H;
  StabilityInstance<S> inst;

  explicit InterpolatingMinimum(const ProblemSpec& spec);
  const Model<S>& model() const { return *pr.model; }
};

#define IRVERIFY_EXTERN(S) extern template struct InterpolatingMinimum<S>;
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN)
#undef IRVERIFY_EXTERN

}  // namespace irverify
