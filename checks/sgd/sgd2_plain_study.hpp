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
#include "solvers/order/order_fit.hpp"
#include "theory/problem/problem_spec.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace irverify {

struct PlainStudyOptions {
  int levels = 8;
  int levels_needed = 8;
  long pilot = 1L << 14;
  double resolve = 8;
};

// One level: the plan (theory, floor, pilot) and the run.
struct PlainStudyLevel {
  double eps = 0;
  double distance = 0;      // D_k = |E theta_m - phi~| (mp50)
  double double_floor = 0;  // |E_double - E|
  double pilot_noise = 0;   // sd_k, the noise of one epoch
  long epochs = 0;          // planned and run
  double error = 0, sigma = 0;                  // |mean - phi~| and its delta-method sigma
  double error_to_exact_in_sigma = 0;           // |mean - E| / sigma
  double error_control = 0, sigma_control = 0;  // against the flow with eps/(2m)
  double seconds = 0;
};
// What the study measured (its record and its text are made from this), with ctx's seed, threads and process group.
struct PlainStudyResult {
  ProblemSpec problem;
  int batches = 0;
  std::size_t batch_size = 0;
  std::uint64_t seed = 0;
  long pilot = 0;
  double resolve = 0;
  int threads = 1, processes = 1;
  std::string isa;
  std::vector<PlainStudyLevel> levels;
  long total_epochs = 0;
  double run_seconds = 0, total_seconds = 0;
  OrderFit fit, control;    // of the errors against phi~ and against the flow with eps/(2m)
  int resolved_levels = 0;  // levels above the noise floor (kMcMargin sigma) in `fit`
  // The judgement.
  bool floor_clear = false;       // every double floor below D_k / 100
  bool order_3_resolved = false;  // the claim
  bool control_refuted = false;   // the negative control
  bool pass() const { return order_3_resolved && control_refuted; }
};

PlainStudyResult sgd2_plain_study(const RunContext& ctx, const ProblemSpec& spec, const PlainStudyOptions& opt);

}  // namespace irverify
