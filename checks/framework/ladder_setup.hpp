// What the ladder claims build their cases from: the problem in S, g and H at theta0, the largest stable step of a
// ladder, the run context and the clock. Included by claim implementations only (checks/framework/case.hpp is the
// light half).
#pragma once

#include "checks/framework/case.hpp"
#include "checks/framework/run_context.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "theory/problem/problem.hpp"
#include "theory/stability/sharpness.hpp"

#include <fmt/format.h>

#include <chrono>

namespace irverify {

inline constexpr double kMinLadderStep = 1e-280;

// Largest power of two <= x (x > 0), in S.
template <class S> S power_of_two_below(const S& x) {
  S p(1);
  while (p > x) p /= 2;
  while (2 * p <= x) p *= 2;
  return p;
}

// The largest step of a ladder: the problem's h0 if it gives one, rejected unless h0 * scale < 2 (scale: the
// curvature that bounds the iteration's stability at theta0, described by scale_text), else `fallback`.
template <class S>
S start_step(const Problem<S>& pr, const S& scale, const std::string& scale_text, const S& fallback) {
  if (pr.has_h0 && !(pr.h0 * scale < 2))
    throw ProblemError(fmt::format("{}: h0 = {} is unstable at theta0: h0 * {} = {} >= 2", pr.spec.origin, pr.spec.h0,
                                   scale_text, to_double(S(pr.h0 * scale))));
  const S h0 = pr.has_h0 ? pr.h0 : fallback;
  // Ladders are recorded and fitted in double: a step below ~1e-280 would underflow within a 2^-20 ladder.
  if (!(to_double(h0) >= kMinLadderStep))
    throw ProblemError(fmt::format("{}: the largest step h0 = {} is below {:g} ({} = {}): the ladder cannot be "
                                   "recorded in double; rescale the problem",
                                   pr.spec.origin, to_string_full(h0), kMinLadderStep, scale_text, to_string_full(scale)));
  return h0;
}

// GD ladders: stability bound h0 lambda_max(H(theta0)) < 2 (spectral radius), default a quarter of the local scale
// 1/max(1, lambda_max) rounded down to a power of two.
template <class S> S ladder_start(const Problem<S>& pr, const Mat<S>& H0) {
  const S rho = spectral_radius<S>(H0);
  return start_step<S>(pr, rho, "lambda_max(H)", power_of_two_below<S>(S(1) / (4 * std::max(rho, S(1)))));
}

// An empty case for a problem's model, in the run `ctx`.
template <class S> Case new_case(const RunContext& ctx, const ProblemSpec& spec, const Model<S>& m, const std::string& label) {
  Case c;
  c.context = &ctx;
  c.spec = spec;
  c.label = label;
  c.dim = m.dim();
  c.examples = m.num_examples();
  c.scalar = scalar_name<S>();
  return c;
}
// Fits the series above `floor` and records the wall time since t0.
inline Case finish_case(Case c, double floor, std::chrono::steady_clock::time_point t0) {
  c.finish(floor);
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return c;
}

// What every ladder case starts from: the problem built in S, the full batch, g and H at theta0, and the clock.
template <class S> struct LadderSetup {
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  const RunContext& ctx;
  Problem<S> pr;
  Batch all;
  Vec<S> g0;
  Mat<S> H0;

  LadderSetup(const RunContext& run, const ProblemSpec& spec)
      : ctx(run), pr(build_problem<S>(spec)), all(pr.model->all_examples()), g0(pr.model->gradient(pr.theta0, all)),
        H0(pr.model->hessian(pr.theta0, all)) {}
  const Model<S>& model() const { return *pr.model; }
  const Vec<S>& theta0() const { return pr.theta0; }
  // An empty case for this problem.
  Case start(const std::string& label) const { return new_case<S>(ctx, pr.spec, model(), label); }
  // Fits the series above `floor` and records the wall time.
  Case finish(Case c, double floor) const { return finish_case(std::move(c), floor, t0); }
  // The flow of `field` within the run's deadline.
  TaylorFlow<S> flow(Program<S> field) const { return TaylorFlow<S>(std::move(field), ctx.deadline); }
};

}  // namespace irverify
