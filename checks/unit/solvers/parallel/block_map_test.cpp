// solvers/parallel/block_map.hpp: f(run) for every run, in run order, the same vector for any thread count and block
// size (each result a pure function of its run index).
#include "solvers/parallel/block_map.hpp"

#include "theory/random/counter_stream.hpp"

#include <gtest/gtest.h>

#include <atomic>

using namespace irverify;

TEST(BlockMap, ResultsInRunOrderForAnyThreadsAndBlocks) {
  const auto f = [](long run) { return CounterStream(21, static_cast<std::uint32_t>(run)).uniform() + double(run); };
  std::vector<double> expect;
  for (long r = 0; r < 301; ++r) expect.push_back(f(r));
  for (int threads : {1, 3})
    for (long block : {1L, 7L, 64L}) EXPECT_EQ(block_map<double>({RunControl(1, 301, threads), block}, f), expect) << threads << " " << block;
  EXPECT_THROW(block_map<double>({RunControl(1, 0, 1), 64}, f), std::invalid_argument);
}

TEST(BlockMap, WorkersKeepPerThreadScratch) {
  // Each thread's f reuses its own buffer between runs: the results are the same as without it, for any threads.
  const auto f = [](long run) { return CounterStream(22, static_cast<std::uint32_t>(run)).uniform() * double(run); };
  std::vector<double> expect;
  for (long r = 0; r < 130; ++r) expect.push_back(f(r));
  for (int threads : {1, 3}) {
    std::atomic<int> made{0};
    const std::vector<double> got = block_map_workers<double>({RunControl(1, 130, threads), 8}, [&] {
      ++made;
      return [&f, scratch = std::vector<double>()](long run) mutable {
        scratch.assign(4, f(run));
        return scratch[3];
      };
    });
    EXPECT_EQ(got, expect) << threads;
    EXPECT_LE(made.load(), threads);
  }
}
