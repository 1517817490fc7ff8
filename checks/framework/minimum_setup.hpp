// What the claims at an interpolating minimum share (CLAIMS.md STAB and LN): the built-in instances, which problems
// apply, and a case that records the minimum (solvers/stability/interpolating_minimum.hpp).
// The built-in instances: least-squares (N = 8, d = 12), diag-uv and diag-uu-vv (N = 6, p = 8), generator seed 1;
// two-layer-relu (N = 6, p = 3, width 8).
#pragma once

#include "checks/framework/ladder_setup.hpp"
#include "solvers/stability/interpolating_minimum.hpp"
#include "theory/problem/generator.hpp"

namespace irverify {

inline std::vector<ProblemSpec> minimum_problems() {
  return {generate_problem("least-squares", 1, {8, 12, 0}), generate_problem("diag-uv", 1, {6, 8, 0}),
          generate_problem("diag-uu-vv", 1, {6, 8, 0})};
}
inline std::vector<ProblemSpec> minimum_relu_problems() { return {generate_problem("two-layer-relu", 1, {6, 3, 8})}; }

// The minimum of a problem in the run `ctx`, with its clock, making cases that describe the minimum.
template <class S> struct MinimumSetup : InterpolatingMinimum<S> {
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  const RunContext& ctx;

  MinimumSetup(const RunContext& run, const ProblemSpec& spec) : InterpolatingMinimum<S>(spec), ctx(run) {}
  // An empty case for this problem, with the minimum described in `extra`.
  Case start(const std::string& label) const {
    Case c = new_case<S>(ctx, this->pr.spec, this->model(), label);
    c.extra["minimum"] = {{"residual_norm", to_double(this->min.residual_norm)},
                          {"gauss_newton_iterations", this->min.iterations},
                          {"distance_from_theta0", to_double(this->min.moved)},
                          {"rank", this->inst.rank()},
                          {"lambda_max", to_string_full(this->inst.lambda_max())},
                          {"trace", to_string_full(this->inst.trace())}};
    return c;
  }
  // Sets the verdict from the statements and records the wall time.
  Case finish(Case c) const { return finish_case(std::move(c), 0, t0); }
};

}  // namespace irverify
