// What the STAB claims (CLAIMS.md STAB; Wu & Su 2023) start from: a regression problem with N <= dim, and an
// interpolating minimum found from theta0 by minimum-norm Gauss-Newton (theory/stability/interpolation.hpp), with
// ||r|| <= kStabResidualUlps N eps max(1, max|y|) (the rounding level of N residuals of that size).
// The built-in instances: least-squares (N = 8, d = 12), diag-uv and diag-uu-vv (N = 6, p = 8), generator seed 1;
// two-layer-relu (N = 6, p = 3, width 8) for STAB-5.
#pragma once

#include "checks/framework/ladder_setup.hpp"
#include "theory/problem/generator.hpp"
#include "theory/stability/interpolation.hpp"
#include "theory/stability/sgd_operator.hpp"

#include <fmt/format.h>

namespace irverify {

inline constexpr int kStabResidualUlps = 64;

inline std::vector<ProblemSpec> stab_problems() {
  return {generate_problem("least-squares", 1, {8, 12, 0}), generate_problem("diag-uv", 1, {6, 8, 0}),
          generate_problem("diag-uu-vv", 1, {6, 8, 0})};
}
inline std::vector<ProblemSpec> stab_relu_problems() { return {generate_problem("two-layer-relu", 1, {6, 3, 8})}; }

// "" if the problem has interpolating minima to analyse: a regression model with no more examples than parameters.
inline std::string stab_not_applicable(const ProblemSpec& s) {
  if (s.model == "quadratic") return "a quadratic loss has no examples v_i = grad f(x_i): the STAB claims need a regression model";
  if (s.num_examples() > s.dim())
    return fmt::format("N = {} examples > {} parameters: no interpolating minimum in general", s.num_examples(), s.dim());
  return "";
}

template <class S> S stab_residual_tolerance(const Model<S>& m) {
  using std::abs;
  S ymax(1);  // max(1, max |y_i|), with y_i = -r_i(0) (every regression model has f = 0 at theta = 0)
  for (int i = 0; i < m.num_examples(); ++i) ymax = std::max(ymax, S(abs(S(m.residual(Vec<S>::Zero(m.dim()), i)))));
  return S(kStabResidualUlps * m.num_examples()) * eps<S>() * ymax;
}

// Relative tolerance of comparisons with eta*: 64 n eps (eta* is exact to a few n eps, n = r(r+1)/2).
template <class S> S eta_star_tolerance(const StabilityInstance<S>& in) {
  return S(64 * SymBasis{in.rank()}.size()) * eps<S>();
}

// The instance rounded to double, for the Monte Carlo solvers (STAB-2, STAB-6).
template <class S> StabilityInstance<double> to_double_instance(const StabilityInstance<S>& in) {
  return {in.N, to_doubles(in.lambda), to_doubles(in.W)};
}

// An interpolating minimum of the problem (theta0 itself if it interpolates and N > dim, else Gauss-Newton from
// theta0; a problem with N > dim whose theta0 does not interpolate is refused), its features V (rows v_i), the model's Hessian there and the reduced
// stability instance.
template <class S> struct StabMinimum {
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  Problem<S> pr;
  InterpolationResult<S> min;
  Mat<S> V, H;
  StabilityInstance<S> inst;

  explicit StabMinimum(const ProblemSpec& spec);
  const Model<S>& model() const { return *pr.model; }
  // An empty case for this problem, with the minimum described in `extra`.
  LadderCase start(const std::string& label) const;
  // Sets the verdict from extra_pass and records the wall time.
  LadderCase finish(LadderCase c) const { return finish_case(std::move(c), 0, t0); }
};

// Instantiated once per scalar in checks/stab/stab_setup.cpp.
#define IRVERIFY_EXTERN(S) extern template struct StabMinimum<S>;
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN)
#undef IRVERIFY_EXTERN

}  // namespace irverify
