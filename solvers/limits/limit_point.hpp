// Limits of GD and of gradient flows by steady-state detection (IGR-4, IGR-5).
//
// Both iterate a contraction toward a limit theta_inf with increments d_k = |theta_{k+1} - theta_k|. Near a
// (possibly non-isolated) minimum the increments fall geometrically, d_{k+1} ~ q d_k, and the remaining
// distance is sum_{j>k} d_j ~ d_k q / (1 - q). The iteration stops when that bound, with q the largest of the
// last three ratios, is below `target` and q < 1; not before `min_iterations`. A run that exceeds its budget or
// leaves |theta| < 1e6 (divergence) reports converged = false: callers must treat that as an error.
#pragma once

#include "solvers/control/deadline.hpp"
#include "theory/ad/program.hpp"
#include "theory/models/model.hpp"

#include <string>
#include <vector>

namespace irverify {

template <class S> struct LimitPoint {
  Vec<S> theta;
  bool converged = false;
  long iterations = 0;   // GD steps, or flow chunks
  S time = S(0);         // flow time reached (flows), n h (GD)
  S remaining = S(0);    // the bound d q / (1 - q) at the stop
  std::vector<Vec<S>> path;  // a subsample of the iterates (all of the first 64, then geometric), ending at theta
  std::string note;      // why not converged
};

struct LimitOptions {
  double target = 0;           // distance bound at which to stop (required, > 0)
  long max_iterations = 100000000;
  long min_iterations = 8;
  Deadline deadline;  // checked every step (GD) or chunk (flows)
};

// GD theta_{n+1} = theta_n - h grad L_B(theta_n) to its limit.
template <class S>
LimitPoint<S> gd_limit(const Model<S>& m, const Batch& b, const Vec<S>& theta0, const S& h, const LimitOptions& opt);

// The flow theta' = F(theta) (F a recorded field) to its limit, in chunks of time dt (doubled while the
// contraction per chunk is weaker than 1/2, so slow tails cost few solver calls).
template <class S>
LimitPoint<S> flow_limit(Program<S> field, const Vec<S>& theta0, const S& dt, const LimitOptions& opt);

}  // namespace irverify
