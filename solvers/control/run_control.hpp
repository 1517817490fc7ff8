// The run settings every solver with random or parallel work takes, as one block embedded in its options (Ceres'
// Solver::Options, STYLE.md lesson 16): the seed of its counter-based streams, its Monte Carlo size, the worker
// threads, where progress goes, the deadline, and the processes that share the work. Filled from the claim's run
// context (checks/framework/run_context.hpp); no process global holds any of them. Results never depend on threads
// or on the process group (block-ordered sums, solvers/parallel/block_reduce.hpp).
#pragma once

#include "solvers/control/deadline.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace irverify {

class ProcessGroup;  // solvers/parallel/process_group.hpp

// done of total samples after `seconds` of this reduction; called from one thread at a time.
using ProgressFn = std::function<void(long done, long total, double seconds)>;

struct RunControl {
  RunControl() = default;
  RunControl(std::uint64_t seed_, long samples_, int threads_ = 1) : seed(seed_), samples(samples_), threads(threads_) {}

  std::uint64_t seed = 1;               // of every stream the solver draws from (theory/random/counter_stream.hpp)
  long samples = 0;                     // its Monte Carlo size (orders, runs, starts), where it has one
  int threads = 1;                      // worker threads
  ProgressFn progress;                  // may be empty
  Deadline deadline;                    // none by default
  const ProcessGroup* group = nullptr;  // nullptr (or a group of one): this process alone
};

// Every core of this machine (at least 1): the default of `--threads`.
int hardware_threads();

// "41% of 65536 samples, 2.3e+04 samples/s, about 2 s left" (unit: "samples", "epochs", ...).
std::string progress_text(long done, long total, double seconds, const std::string& unit);

}  // namespace irverify
