// The run block of the solver tests: a seed, a Monte Carlo size and worker threads, the rest as RunControl's defaults
// (no progress, no deadline, this process alone).
#pragma once

#include "solvers/control/run_control.hpp"

namespace irverify {

inline RunControl unit_runs(std::uint64_t seed, long samples, int threads) {
  RunControl run;
  run.seed = seed;
  run.samples = samples;
  run.threads = threads;
  return run;
}

}  // namespace irverify
