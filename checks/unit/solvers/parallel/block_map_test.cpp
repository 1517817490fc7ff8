// solvers/parallel/block_map.hpp: f(run) for every run, in run order, the same vector for any thread count and block
// size (each result a pure function of its run index).
#include "solvers/parallel/block_map.hpp"

#include "theory/random/counter_stream.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(BlockMap, ResultsInRunOrderForAnyThreadsAndBlocks) {
  const auto f = [](long run) { return CounterStream(21, static_cast<std::uint32_t>(run)).uniform() + double(run); };
  std::vector<double> expect;
  for (long r = 0; r < 301; ++r) expect.push_back(f(r));
  for (int threads : {1, 3})
    for (long block : {1L, 7L, 64L}) EXPECT_EQ(block_map<double>({RunControl(1, 301, threads), block}, f), expect) << threads << " " << block;
  EXPECT_THROW(block_map<double>({RunControl(1, 0, 1), 64}, f), std::invalid_argument);
}
