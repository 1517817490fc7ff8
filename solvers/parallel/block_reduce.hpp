// The one parallel Monte Carlo reducer (shuffled-SGD means, linearized-SGD growth, and whatever comes next).
// Samples 0..n-1 are cut into fixed blocks of `block` consecutive samples; a block's accumulator starts from `zero`
// and takes its samples in sample order; the block accumulators are then added in block order. Threads only choose
// which block they work on, so the result is bit-identical for any thread count and any scheduling.
//   make_worker()  is called once per thread; it returns worker(sample, acc), which adds one sample to acc and may
//                  keep per-thread scratch;
//   Acc            needs Acc += Acc.
// block_reduce_blocks is the same with a block worker, worker(first, last, acc), which adds samples first..last-1
// to acc in sample order (for kernels that run several samples at once).
// The run settings come in opt.run (solvers/control/run_control.hpp): samples, threads, the process group that shares
// the blocks, progress (reported from one thread at a time, as this rank's samples done, their total and the seconds
// so far) and the deadline, checked before every sample (every block in block_reduce_blocks). The first exception of
// any thread stops the others and is rethrown.
#pragma once

#include "solvers/control/run_control.hpp"
#include "solvers/parallel/process_group.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>
#include <thread>
#include <vector>

namespace irverify {

// Accumulators that can cross processes: specialize with
//   static void write(const Acc&, std::string& out);   appends the bytes
//   static Acc read(const char*& in, const Acc& zero);  reads them back, advancing in
template <class Acc> struct AccBytes : std::false_type {};

struct BlockReduceOptions {
  RunControl run;  // samples, threads, progress, deadline, process group (the seed is the worker's business)
  long block = 64;
};

// Blocks are run in chunks of at most this many (memory: one accumulator per block of a chunk); the chunks are
// summed in order into the total, which is therefore the same block-ordered sum as without chunks.
inline constexpr long kReduceChunkBlocks = 1L << 14;

template <class Acc, class MakeWorker>
Acc block_reduce_blocks(const BlockReduceOptions& opt, const Acc& zero, MakeWorker make_worker) {
  const long samples = opt.run.samples;
  if (samples < 1 || opt.block < 1 || opt.run.threads < 1) throw std::invalid_argument("block_reduce: bad options");
  const long blocks = (samples + opt.block - 1) / opt.block;
  const ProcessGroup* group = AccBytes<Acc>::value && opt.run.group && opt.run.group->size() > 1 ? opt.run.group : nullptr;
  const int ranks = group ? group->size() : 1, me = group ? group->rank() : 0;
  const auto share = [&](long c0, long c1, int r) {  // rank r's blocks of the chunk [c0, c1)
    return std::pair<long, long>{c0 + (c1 - c0) * r / ranks, c0 + (c1 - c0) * (r + 1) / ranks};
  };
  const auto samples_in = [&](long b0, long b1) {  // samples of blocks [b0, b1)
    return std::min(samples, b1 * opt.block) - std::min(samples, b0 * opt.block);
  };
  long mine = 0;  // this rank's samples, for progress
  for (long c0 = 0; c0 < blocks; c0 += kReduceChunkBlocks) {
    const auto [lo, hi] = share(c0, std::min(blocks, c0 + kReduceChunkBlocks), me);
    mine += samples_in(lo, hi);
  }
  Acc total = zero;
  std::vector<Acc> acc;
  std::mutex progress_mutex;
  long done = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (long c0 = 0; c0 < blocks; c0 += kReduceChunkBlocks) {
    const long c1 = std::min(blocks, c0 + kReduceChunkBlocks);
    const auto [lo, hi] = share(c0, c1, me);
    acc.assign(c1 - c0, zero);
    std::atomic<long> next{lo};
    std::exception_ptr failure;
    auto run = [&, hi = hi] {  // (a structured binding is captured by copy, C++17)
      try {
        auto worker = make_worker();
        for (long b; (b = next.fetch_add(1)) < hi;) {
          opt.run.deadline.check();
          worker(b * opt.block, std::min(samples, (b + 1) * opt.block), acc[b - c0]);
          std::lock_guard<std::mutex> lock(progress_mutex);
          done += samples_in(b, b + 1);
          if (opt.run.progress)
            opt.run.progress(done, mine, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        if (!failure) failure = std::current_exception();
        next.store(hi);  // the other threads take no new block
      }
    };
    std::vector<std::thread> pool;
    try {
      for (int t = 1; t < opt.run.threads; ++t) pool.emplace_back(run);
    } catch (const std::system_error& e) {  // the started threads finish their block and join; the run fails
      std::lock_guard<std::mutex> lock(progress_mutex);
      if (!failure)
        failure = std::make_exception_ptr(std::runtime_error(
            "could start only " + std::to_string(pool.size() + 1) + " of the " + std::to_string(opt.run.threads) +
            " worker threads asked for (" + e.what() + "); ask for fewer with --threads"));
      next.store(hi);
    }
    run();
    for (auto& t : pool) t.join();
    if constexpr (AccBytes<Acc>::value) {
      if (group) {  // every rank's blocks to every rank; a failure anywhere fails every rank (no rank waits forever)
        std::string bytes(1, failure ? 'F' : 'O');
        if (!failure)
          for (long b = lo; b < hi; ++b) AccBytes<Acc>::write(acc[b - c0], bytes);
        const std::vector<std::string> all = group->all_gather(bytes);
        if (failure) std::rethrow_exception(failure);
        for (int r = 0; r < ranks; ++r) {
          if (all[r].empty() || all[r][0] != 'O')
            throw std::runtime_error("block_reduce: the Monte Carlo run failed on rank " + std::to_string(r));
          const char* in = all[r].data() + 1;
          const auto [rlo, rhi] = share(c0, c1, r);
          for (long b = rlo; b < rhi; ++b) acc[b - c0] = AccBytes<Acc>::read(in, zero);
        }
      }
    }
    if (failure) std::rethrow_exception(failure);
    for (const Acc& a : acc) total += a;
  }
  return total;
}

template <class Acc, class MakeWorker> Acc block_reduce(const BlockReduceOptions& opt, const Acc& zero, MakeWorker make_worker) {
  return block_reduce_blocks(opt, zero, [&make_worker, &deadline = opt.run.deadline] {
    return [worker = make_worker(), &deadline](long first, long last, Acc& acc) mutable {
      for (long s = first; s < last; ++s) {
        deadline.check();
        worker(s, acc);
      }
    };
  });
}

}  // namespace irverify
