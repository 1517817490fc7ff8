// solvers/parallel/block_reduce.hpp: the one parallel reducer. Block sums in block order whatever the threads and the
// chunking; a block worker sees its samples' ranges; a worker's exception reaches the caller, and a passed deadline
// stops the reduction; bad options are refused.
#include "solvers/parallel/block_reduce.hpp"

#include "theory/random/counter_stream.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace irverify;

namespace {
struct BlockReduceSum {
  double v = 0;
  BlockReduceSum& operator+=(const BlockReduceSum& o) {
    v += o.v;
    return *this;
  }
};
struct BlockReduceCount {
  long n = 0;
  BlockReduceCount& operator+=(const BlockReduceCount& o) {
    n += o.n;
    return *this;
  }
};
}  // namespace

TEST(BlockReduce, ChunksKeepTheBlockOrderedSum) {
  // Blocks of one sample over three chunks: the total must be ((0 + a_0) + a_1) + ... in block order.
  const long n = 2 * kReduceChunkBlocks + 5;
  const auto draw = [](long s) {
    CounterStream rng(13, static_cast<std::uint32_t>(s));
    return rng.normal() * std::exp(8 * rng.uniform());  // spread magnitudes: any other order changes the bits
  };
  double expect = 0;
  for (long s = 0; s < n; ++s) expect += draw(s);
  for (int threads : {1, 3}) {
    const BlockReduceSum got = block_reduce(BlockReduceOptions{RunControl(1, n, threads), 1}, BlockReduceSum{}, [&] {
      return [&](long s, BlockReduceSum& acc) { acc.v += draw(s); };
    });
    EXPECT_EQ(got.v, expect) << threads << " threads";
  }
}

// Blocks of 64: the sum of block sums (each in sample order), for any thread count; block workers see [first, last).
TEST(BlockReduce, BlockSumsInBlockOrderForAnyThreadCount) {
  const long n = 1000;
  const auto draw = [](long s) { return std::ldexp(1.0 + s % 7, -static_cast<int>(s % 50)); };
  double expect = 0;
  for (long b = 0; b * 64 < n; ++b) {
    double block = 0;
    for (long s = b * 64; s < std::min(n, (b + 1) * 64); ++s) block += draw(s);
    expect += block;
  }
  for (int threads : {1, 2, 4}) {
    const BlockReduceSum got = block_reduce(BlockReduceOptions{RunControl(1, n, threads), 64}, BlockReduceSum{}, [&] {
      return [&](long s, BlockReduceSum& acc) { acc.v += draw(s); };
    });
    EXPECT_EQ(got.v, expect) << threads;
    const BlockReduceSum blocks = block_reduce_blocks(BlockReduceOptions{RunControl(1, n, threads), 64}, BlockReduceSum{}, [&] {
      return [&](long first, long last, BlockReduceSum& acc) {
        EXPECT_EQ(first % 64, 0);
        EXPECT_EQ(last, std::min(n, first + 64));
        for (long s = first; s < last; ++s) acc.v += draw(s);
      };
    });
    EXPECT_EQ(blocks.v, expect) << threads;
  }
}

TEST(BlockReduce, RethrowsAWorkersExceptionOnTheCallingThread) {
  auto make = [] {
    return [](long s, BlockReduceCount& c) {
      if (s == 700) throw std::runtime_error("sample 700 failed");
      ++c.n;
    };
  };
  RunControl run(1, 4096, 2);
  EXPECT_THROW(block_reduce(BlockReduceOptions{run, 64}, BlockReduceCount{}, make), std::runtime_error);
  run.samples = 1L << 24;
  run.deadline = Deadline(1e-9, "the test's budget");
  auto slow = [] { return [](long, BlockReduceCount& c) { ++c.n; }; };
  EXPECT_THROW(block_reduce(BlockReduceOptions{run, 64}, BlockReduceCount{}, slow), DeadlineExceeded);
}

TEST(BlockReduce, BadOptionsAreRefused) {
  auto count = [] { return [](long, BlockReduceCount& c) { ++c.n; }; };
  EXPECT_THROW(block_reduce(BlockReduceOptions{RunControl(1, 0, 1), 64}, BlockReduceCount{}, count), std::invalid_argument);
  EXPECT_THROW(block_reduce(BlockReduceOptions{RunControl(1, 10, 0), 64}, BlockReduceCount{}, count), std::invalid_argument);
  EXPECT_THROW(block_reduce(BlockReduceOptions{RunControl(1, 10, 1), 0}, BlockReduceCount{}, count), std::invalid_argument);
  EXPECT_EQ(block_reduce(BlockReduceOptions{RunControl(1, 1, 4), 64}, BlockReduceCount{}, count).n, 1);
}
