// Tasks 0..n-1 run on `jobs` threads, their results taken in task order: run(i) returns task i's result (called from
// several threads at once; each result must not depend on which thread ran it or when), and take(i, result) is
// called for i = 0, 1, ... in order, one call at a time, as soon as tasks 0..i are done. So what `take` sees is what
// a loop over the tasks would see, for any `jobs`; only the start times overlap. A failing task stops the hand-out
// of new tasks; the tasks before it are taken, and its exception is rethrown (that of the lowest failing index).
// jobs = 1 runs the loop on the calling thread. For whole runs side by side (claims, a study's seeds); the Monte
// Carlo inside a run goes through block_reduce.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

namespace irverify {

template <class R, class Run, class Take> void ordered_tasks(int jobs, long n, Run run, Take take) {
  if (jobs < 1) throw std::invalid_argument("ordered_tasks: jobs < 1");
  if (jobs == 1) {
    for (long i = 0; i < n; ++i) take(i, run(i));
    return;
  }
  std::vector<std::optional<R>> done(static_cast<std::size_t>(n));
  std::vector<std::exception_ptr> failed(static_cast<std::size_t>(n));
  std::atomic<long> next{0};
  std::mutex mutex;
  long taken = 0;  // tasks 0..taken-1 are taken (under mutex)
  std::exception_ptr take_failure;
  const auto worker = [&] {
    for (long i; (i = next.fetch_add(1)) < n;) {
      std::optional<R> r;
      std::exception_ptr e;
      try {
        r.emplace(run(i));
      } catch (...) {
        e = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex);
      done[i] = std::move(r);
      failed[i] = e;
      if (e) next.store(n);  // no new task; those running finish
      // Take the ready prefix; a failed task ends the taking (its exception is rethrown after the join).
      while (!take_failure && taken < n && done[taken]) {
        try {
          take(taken, std::move(*done[taken]));
        } catch (...) {
          take_failure = std::current_exception();
          next.store(n);
        }
        done[taken++].reset();
      }
    }
  };
  std::vector<std::thread> pool;
  try {
    for (int t = 1; t < std::min<long>(jobs, n); ++t) pool.emplace_back(worker);
  } catch (const std::system_error&) {  // fewer threads than asked for: the same results, later
  }
  worker();
  for (auto& t : pool) t.join();
  if (take_failure) std::rethrow_exception(take_failure);
  for (long i = taken; i < n; ++i)
    if (failed[i]) std::rethrow_exception(failed[i]);
}

}  // namespace irverify
