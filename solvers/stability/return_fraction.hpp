// Does nonlinear SGD return to an interpolating minimum theta* from a small perturbation? (CLAIMS.md STAB-6: the sign
// of the Lyapunov exponent decides, not mean-square stability.) Run s: theta_0 = theta* + r0 u, u a random unit
// vector in the range of H (the normal space of the manifold of minima at theta*; tangent moves are second order),
// then SGD steps theta' = theta - eta grad L_xi(theta), batches as draw_batch (solvers/stability/linear_growth.hpp),
// streams CounterStream(seed, s, kReturnStartDomain / kReturnBatchDomain), in double. Every `check` steps it measures
//   the distance to the manifold of minima, d = |J^+ r(theta)| (the minimum-norm Gauss-Newton step, J the output
//   Jacobian: the normal distance to first order), and the distance to theta*, D = |theta - theta*|.
// A run returns when d <= return_factor r0 at every check of a window of `window` consecutive checks (and D stays
// below leave_factor r0); it leaves when D >= leave_factor r0 or theta is not finite; otherwise, at the horizon, it is
// undecided. The return distance must lie far above rounding: return_factor r0 >= 2^20 eps max(1, |theta*|_inf) is
// required (std::invalid_argument otherwise), so a run never "returns" by freezing below one ulp.
#pragma once

#include "solvers/stability/linear_growth.hpp"
#include "theory/models/model.hpp"

#include <cstdint>
#include <functional>

namespace irverify {

inline constexpr std::uint32_t kReturnStartDomain = 9;   // perturbations
inline constexpr std::uint32_t kReturnBatchDomain = 10;  // batches

struct ReturnOptions {
  RunControl run;  // run.samples: runs
  double r0 = 1e-4;
  double return_factor = 1e-2;  // returned: d <= 1e-2 r0 over the window
  double leave_factor = 10;     // left: D >= 10 r0 (a small ball: a run that slides along the manifold of minima to
                                // another minimum, where the thresholds differ, counts as leaving this one)
  long horizon = 100000;        // steps
  int check = 16;               // steps between checks
  int window = 64;              // checks
};

struct ReturnCounts {
  int returned = 0, left = 0, undecided = 0;
  double mean_steps_returned = 0;  // steps until the window was complete, over the returned runs
};

// |J^+ r(theta)|: the minimum-norm Gauss-Newton step, the distance to the manifold of interpolating minima to first
// order (J^+ through the eigendecomposition of J J', eigenvalues below 64 N eps of the largest counted as zero, so a
// rank-deficient J is allowed).
double distance_to_minima(const Model<double>& m, const Vec<double>& theta);

ReturnCounts return_fraction(const Model<double>& m, const Vec<double>& theta_star, int B, BatchSampling s, double eta,
                             const ReturnOptions& opt);

}  // namespace irverify
