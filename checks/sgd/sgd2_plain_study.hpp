// SGD-2's plain-average study (issue 16; a command, not a claim run: `irverify study sgd2-plain`). Plain many-seed
// averages of the shuffled-SGD epoch mean on a problem whose model has a SIMD kernel (least squares by default; diag
// nets, two-layer and matrix nets: solvers/sgd/kernel_monte_carlo.hpp) long enough to resolve the O(eps^3) distance |E theta_m - phi^L~SGD(m eps)| (Smith
// et al. 2021; CLAIMS.md SGD-1/2) at every level of the ladder. Per level, in this order:
//   theory (mp50)   the exact mean over all m! orders and the modified flow; their distance D_k;
//   floor (double)  the exact mean in the kernel's double arithmetic over all m! orders: |E_double - E| is the bias
//                   that no number of samples removes (rounding of the data and the iterates);
//   pilot           `pilot` plain epochs: the noise of one epoch, sd_k;
//   plan            epochs_k = (resolve sd_k / D_k)^2, rounded up to a block: standard error about D_k / resolve;
//   run             plain epochs_k epochs; error |mean - phi~| with its delta-method sigma, and |mean - E| / sigma
//                   as a consistency check.
// The order fit uses the points above kMcMargin sigma (checks/framework/ladder.hpp) over the whole ladder; order 3
// is resolved when at least `levels_needed` points count and |fit - 3| <= max(kOrderTolerance, 95% half-width).
// Negative control: the same estimates against the flow with the wrong coefficient eps/(2m) (SGD-2's) must have a
// resolved order outside that band (it is 2). The study passes when order 3 is resolved and the control refuted.
#pragma once

#include "checks/framework/run_context.hpp"
#include "theory/problem/problem_spec.hpp"

#include <nlohmann/json.hpp>

namespace irverify {

struct PlainStudyOptions {
  int levels = 8;
  int levels_needed = 8;
  long pilot = 1L << 14;
  double resolve = 8;
};

// The study's record (plan, per-level results, fit, timings), with ctx's seed, threads, progress and process group.
nlohmann::json sgd2_plain_study(const RunContext& ctx, const ProblemSpec& spec, const PlainStudyOptions& opt);

}  // namespace irverify
