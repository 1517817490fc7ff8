// The one parallel Monte Carlo reducer (shuffled-SGD means, linearized-SGD growth, and whatever comes next).
// Samples 0..n-1 are cut into fixed blocks of `block` consecutive samples; a block's accumulator starts from `zero`
// and takes its samples in sample order; the block accumulators are then added in block order. Threads only choose
// which block they work on, so the result is bit-identical for any thread count and any scheduling.
//   make_worker()  is called once per thread; it returns worker(sample, acc), which adds one sample to acc and may
//                  keep per-thread scratch;
//   Acc            needs Acc += Acc.
// Progress is reported from one thread at a time, as (samples done, n). The run's deadline is checked before every
// sample (solvers/iterate/deadline.hpp); the first exception of any thread stops the others and is rethrown.
#pragma once

#include "solvers/iterate/deadline.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace irverify {

struct BlockReduceOptions {
  long samples = 0;
  long block = 64;
  int threads = 1;
  std::function<void(long done, long total)> progress;  // may be empty
};

template <class Acc, class MakeWorker> Acc block_reduce(const BlockReduceOptions& opt, const Acc& zero, MakeWorker make_worker) {
  if (opt.samples < 1 || opt.block < 1 || opt.threads < 1) throw std::invalid_argument("block_reduce: bad options");
  const long blocks = (opt.samples + opt.block - 1) / opt.block;
  std::vector<Acc> acc(blocks, zero);
  std::atomic<long> next{0}, done{0};
  std::mutex progress_mutex;
  std::exception_ptr failure;
  auto run = [&] {
    try {
      auto worker = make_worker();
      for (long b; (b = next.fetch_add(1)) < blocks;) {
        const long end = std::min(opt.samples, (b + 1) * opt.block);
        for (long s = b * opt.block; s < end; ++s) {
          check_deadline();
          worker(s, acc[b]);
        }
        const long k = done.fetch_add(1) + 1;
        if (opt.progress) {
          std::lock_guard<std::mutex> lock(progress_mutex);
          opt.progress(std::min(opt.samples, k * opt.block), opt.samples);
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      if (!failure) failure = std::current_exception();
      next.store(blocks);  // the other threads take no new block
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < opt.threads; ++t) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  Acc total = zero;
  for (const Acc& a : acc) total += a;
  return total;
}

}  // namespace irverify
