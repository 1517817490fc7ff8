// Which minima GD and SGD select (CLAIMS.md STAB-4; Wu, Ma & E 2018; Wu & Su 2023): GD or SGD on a diagonal network
// from random starts, until the run converges to the manifold of interpolating minima, diverges, or runs out of
// steps; a converged end point is polished to an exact minimum.
//   Run s starts at theta_j ~ U[-1, 1] (CounterStream(seed, s, kSelectionStartDomain)); its batches (draw_batch,
//   solvers/stability/linear_growth.hpp) come from CounterStream(seed, 64 s + stream, kSelectionBatchDomain), `stream`
//   the caller's (one per step size, < 64); GD (B = 0) takes the full batch every step.
//   The step is the network's gradient written out in double: beta = u.v (diag-uv, two-param) or u^2 - v^2
//   (diag-uu-vv), grad_u = q (.) dbeta/du, grad_v = q (.) dbeta/dv, q = (1/|b|) X_b'(X_b beta - y_b).
//   After steps 1, N + 1, 2N + 1, ... (once per epoch) the run has diverged when the full loss is not below
//   kSelectionDivergedLoss, and has converged after `converged_window` such checks in a row at distance <=
//   `converged_distance` from the minima (|J^+ r|, solvers/stability/return_fraction.hpp): far above rounding (updates
//   there are ~1e-8, never below one ulp of theta), so no run counts as converged because it froze.
//   Polished: gauss_newton_minimum to minimum_residual_tolerance (solvers/stability/interpolating_minimum.hpp).
// The runs go through block_map (solvers/parallel/block_map.hpp): results in run order, the same bits for any thread
// count.
#pragma once

#include "solvers/control/run_control.hpp"
#include "theory/models/diag_net.hpp"
#include "theory/stability/interpolation.hpp"
#include "theory/stability/sgd_operator.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

inline constexpr std::uint32_t kSelectionStartDomain = 6;  // starting points
inline constexpr std::uint32_t kSelectionBatchDomain = 7;  // batches
inline constexpr double kSelectionDivergedLoss = 1e8;

struct SelectionOptions {
  RunControl run;  // run.samples: starts
  int B = 0;       // batch size; 0: GD (full batch)
  BatchSampling sampling = BatchSampling::WithReplacement;
  double eta = 0;
  std::uint32_t stream = 0;  // the batch stream of run s is 64 s + stream
  long max_steps = 200000;
  double converged_distance = 1e-8;
  int converged_window = 16;  // epochs
};

enum class RunEnd { converged, diverged, not_converged };

struct SelectionRun {
  RunEnd end = RunEnd::not_converged;
  InterpolationResult<double> polished;  // converged runs: the exact minimum Gauss-Newton reaches from the end point
};

// Runs 0 .. run.samples-1, in run order.
std::vector<SelectionRun> selection_runs(const DiagNet<double>& net, const SelectionOptions& opt);

}  // namespace irverify
