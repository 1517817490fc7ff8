// The one parallel Monte Carlo reducer (shuffled-SGD means, linearized-SGD growth, and whatever comes next).
// Samples 0..n-1 are cut into fixed blocks of `block` consecutive samples; a block's accumulator starts from `zero`
// and takes its samples in sample order; the block accumulators are then added in block order. Threads only choose
// which block they work on, so the result is bit-identical for any thread count and any scheduling.
//   make_worker()  is called once per thread; it returns worker(sample, acc), which adds one sample to acc and may
//                  keep per-thread scratch;
//   Acc            needs Acc += Acc.
// block_reduce_blocks is the same with a block worker, worker(first, last, acc), which adds samples first..last-1
// to acc in sample order (for kernels that run several samples at once).
// Progress is reported from one thread at a time, as (samples done, n), to opt.progress or else to the process's
// progress sink (solvers/parallel/progress.hpp). The run's deadline is checked before every
// sample (every block in block_reduce_blocks) (solvers/iterate/deadline.hpp); the first exception of any thread stops the others and is rethrown.
#pragma once

#include "solvers/iterate/deadline.hpp"
#include "solvers/parallel/process_group.hpp"
#include "solvers/parallel/progress.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <thread>
#include <vector>

namespace irverify {

// Accumulators that can cross processes: specialize with
//   static void write(const Acc&, std::string& out);   appends the bytes
//   static Acc read(const char*& in, const Acc& zero);  reads them back, advancing in
template <class Acc> struct AccBytes : std::false_type {};

struct BlockReduceOptions {
  long samples = 0;
  long block = 64;
  int threads = 1;
  std::function<void(long done, long total)> progress;  // may be empty
};

template <class Acc, class MakeWorker>
Acc block_reduce_blocks(const BlockReduceOptions& opt, const Acc& zero, MakeWorker make_worker) {
  if (opt.samples < 1 || opt.block < 1 || opt.threads < 1) throw std::invalid_argument("block_reduce: bad options");
  const long blocks = (opt.samples + opt.block - 1) / opt.block;
  const ProcessGroup* group = AccBytes<Acc>::value ? process_group() : nullptr;
  const auto range = [&](int r) { return std::pair<long, long>{blocks * r / group->size(), blocks * (r + 1) / group->size()}; };
  const auto [lo, hi] = group ? range(group->rank()) : std::pair<long, long>{0, blocks};
  std::vector<Acc> acc(blocks, zero);
  std::atomic<long> next{lo}, done{0};
  std::mutex progress_mutex;
  std::exception_ptr failure;
  const auto t0 = std::chrono::steady_clock::now();
  auto run = [&] {
    try {
      auto worker = make_worker();
      for (long b; (b = next.fetch_add(1)) < hi;) {
        check_deadline();
        worker(b * opt.block, std::min(opt.samples, (b + 1) * opt.block), acc[b]);
        const long k = done.fetch_add(1) + 1;
        {
          std::lock_guard<std::mutex> lock(progress_mutex);
          const long n = std::min(opt.samples, (lo + k) * opt.block) - lo * opt.block, total = std::min(opt.samples, hi * opt.block) - lo * opt.block;
          if (opt.progress) opt.progress(n, total);
          else report_progress(n, total, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      if (!failure) failure = std::current_exception();
      next.store(hi);  // the other threads take no new block
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < opt.threads; ++t) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
  if constexpr (AccBytes<Acc>::value) {
    if (group) {  // every rank's blocks to every rank; a failure anywhere fails every rank (no rank waits forever)
      std::string mine(1, failure ? 'F' : 'O');
      if (!failure)
        for (long b = lo; b < hi; ++b) AccBytes<Acc>::write(acc[b], mine);
      const std::vector<std::string> all = group->all_gather(mine);
      if (failure) std::rethrow_exception(failure);
      for (int r = 0; r < group->size(); ++r) {
        if (all[r].empty() || all[r][0] != 'O') throw std::runtime_error("block_reduce: the Monte Carlo run failed on rank " + std::to_string(r));
        const char* in = all[r].data() + 1;
        const auto [rlo, rhi] = range(r);
        for (long b = rlo; b < rhi; ++b) acc[b] = AccBytes<Acc>::read(in, zero);
      }
    }
  }
  if (failure) std::rethrow_exception(failure);
  Acc total = zero;
  for (const Acc& a : acc) total += a;
  return total;
}

template <class Acc, class MakeWorker> Acc block_reduce(const BlockReduceOptions& opt, const Acc& zero, MakeWorker make_worker) {
  return block_reduce_blocks(opt, zero, [&make_worker] {
    return [worker = make_worker()](long first, long last, Acc& acc) mutable {
      for (long s = first; s < last; ++s) {
        check_deadline();
        worker(s, acc);
      }
    };
  });
}

}  // namespace irverify
