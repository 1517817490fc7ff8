// block_reduce across a process group (solvers/parallel/process_group.hpp), with the ranks played one after another in
// this process: each rank sends only its own blocks, and gathering every rank's blocks gives the one-process bits; and
// the progress callback of the run control (solvers/control/run_control.hpp).
#include "solvers/parallel/process_group.hpp"
#include "solvers/stats/moment_sums.hpp"
#include "theory/random/counter_stream.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace irverify;

namespace {

// Rank r of n; all_gather stores what rank r sends and answers with the table of every rank's bytes (unknown ones
// as a failure marker, so a rank played before the others are known throws instead of reading garbage).
struct TableGroup : ProcessGroup {
  int r, n;
  std::vector<std::string>* table;
  TableGroup(int r, int n, std::vector<std::string>* t) : r(r), n(n), table(t) {}
  int rank() const override { return r; }
  int size() const override { return n; }
  std::vector<std::string> all_gather(const std::string& bytes) const override {
    (*table)[r] = bytes;
    std::vector<std::string> out = *table;
    for (auto& s : out)
      if (s.empty()) s = "F";
    return out;
  }
};

MomentSums<double> reduce(int threads, const ProcessGroup* group = nullptr, ProgressFn progress = {}) {
  RunControl run{1, 1000, threads};
  run.progress = std::move(progress);
  run.group = group;
  return block_reduce(BlockReduceOptions{run, 64}, MomentSums<double>(3), [] {
    return [x = Vec<double>(3)](long s, MomentSums<double>& acc) mutable {
      CounterStream rng(11, static_cast<std::uint32_t>(s));
      for (int i = 0; i < 3; ++i) x(i) = rng.normal();
      acc.add(x);
    };
  });
}

}  // namespace

TEST(ProcessGroup, RanksSplitTheBlocksAndGatherTheOneProcessBits) {
  const MomentSums<double> one = reduce(2);
  for (int n : {2, 3, 4}) {
    std::vector<std::string> table(n);
    for (int r = 1; r < n; ++r) {  // ranks 1..n-1 first: rank 0's bytes are still unknown, so they fail
      const TableGroup g(r, n, &table);
      EXPECT_THROW(reduce(1, &g), std::runtime_error);
    }
    const TableGroup g0(0, n, &table);
    const MomentSums<double> got = reduce(3, &g0);
    EXPECT_TRUE(got.sum == one.sum && got.sumsq == one.sumsq) << n << " ranks";
    std::size_t bytes = 0;
    for (const auto& t : table) bytes += t.size() - 1;  // each rank sent its own blocks only: 16 blocks in all
    EXPECT_EQ(bytes, 16u * 2 * 3 * sizeof(double)) << n << " ranks";
  }
}

TEST(RunControlProgress, ReceivesEveryBlock) {
  long last = 0, total = 0, calls = 0;
  reduce(2, nullptr, [&](long done, long all, double secs) {
    EXPECT_GE(secs, 0.0);
    last = done;
    total = all;
    ++calls;
  });
  EXPECT_EQ(calls, 16);
  EXPECT_EQ(last, 1000);
  EXPECT_EQ(total, 1000);
}

TEST(BlockReduce, ChunksKeepTheBlockOrderedSum) {
  // Blocks of one sample over three chunks: the total must be ((0 + a_0) + a_1) + ... in block order.
  const long n = 2 * kReduceChunkBlocks + 5;
  const auto draw = [](long s) {
    CounterStream rng(13, static_cast<std::uint32_t>(s));
    return rng.normal() * std::exp(8 * rng.uniform());  // spread magnitudes: any other order changes the bits
  };
  struct Sum {
    double v = 0;
    Sum& operator+=(const Sum& o) {
      v += o.v;
      return *this;
    }
  };
  double expect = 0;
  for (long s = 0; s < n; ++s) expect += draw(s);
  for (int threads : {1, 3}) {
    const Sum got = block_reduce(BlockReduceOptions{{1, n, threads}, 1}, Sum{}, [&] {
      return [&](long s, Sum& acc) { acc.v += draw(s); };
    });
    EXPECT_EQ(got.v, expect) << threads << " threads";
  }
}
