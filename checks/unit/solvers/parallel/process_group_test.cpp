// solvers/parallel/process_group.hpp: block_reduce across a process group, with the ranks played one after another in
// this process: each rank sends only its own blocks, and gathering every rank's blocks gives the one-process bits; a
// rank whose peers failed fails too. Accumulators without AccBytes are computed whole on every rank.
#include "solvers/parallel/process_group.hpp"

#include "solvers/parallel/block_reduce.hpp"
#include "solvers/stats/moment_sums.hpp"
#include "theory/random/counter_stream.hpp"

#include <gtest/gtest.h>

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

MomentSums<double> process_group_reduce(int threads, const ProcessGroup* group = nullptr) {
  RunControl run(1, 1000, threads);
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
  const MomentSums<double> one = process_group_reduce(2);
  for (int n : {2, 3, 4}) {
    std::vector<std::string> table(n);
    for (int r = 1; r < n; ++r) {  // ranks 1..n-1 first: rank 0's bytes are still unknown, so they fail
      const TableGroup g(r, n, &table);
      EXPECT_THROW(process_group_reduce(1, &g), std::runtime_error);
    }
    const TableGroup g0(0, n, &table);
    const MomentSums<double> got = process_group_reduce(3, &g0);
    EXPECT_TRUE(got.sum == one.sum && got.sumsq == one.sumsq) << n << " ranks";
    std::size_t bytes = 0;
    for (const auto& t : table) bytes += t.size() - 1;  // each rank sent its own blocks only: 16 blocks in all
    EXPECT_EQ(bytes, 16u * 2 * 3 * sizeof(double)) << n << " ranks";
  }
}

TEST(ProcessGroup, AccumulatorsThatCannotCrossProcessesAreComputedWhole) {
  struct Count {  // no AccBytes: never sent
    long n = 0;
    Count& operator+=(const Count& o) {
      n += o.n;
      return *this;
    }
  };
  std::vector<std::string> table(2);
  const TableGroup g(1, 2, &table);
  RunControl run(1, 1000, 1);
  run.group = &g;
  const Count c = block_reduce(BlockReduceOptions{run, 64}, Count{}, [] { return [](long, Count& a) { ++a.n; }; });
  EXPECT_EQ(c.n, 1000);
  EXPECT_TRUE(table[0].empty() && table[1].empty());  // nothing gathered
}
