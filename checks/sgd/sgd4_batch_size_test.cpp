// SGD-4 (CLAIMS.md): partition enumeration (count and uniqueness), random partitions, and the decomposition and
// (N - B)/(B (N - 1)) Gamma average on generated problems with the N-for-(N-1) control rejected.
#include "checks/sgd/sgd4_batch_size.hpp"
#include "solvers/sgd/partitions.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace irverify;

TEST(Sgd4Partitions, EnumerationVisitsEachPartitionOnce) {
  for (auto [n, b] : std::vector<std::pair<int, int>>{{6, 2}, {6, 3}, {8, 2}, {9, 3}, {8, 4}, {5, 1}}) {
    std::set<std::set<std::set<int>>> seen;
    long visits = 0;
    for_each_partition(n, b, [&](const Blocks& bl) {
      std::set<std::set<int>> p;
      for (const auto& blk : bl) {
        EXPECT_EQ(static_cast<int>(blk.size()), b);
        p.insert(std::set<int>(blk.begin(), blk.end()));
      }
      seen.insert(p);
      ++visits;
    });
    EXPECT_EQ(visits, partition_count(n, b)) << n << "/" << b;
    EXPECT_EQ(static_cast<long>(seen.size()), visits) << n << "/" << b;
  }
  EXPECT_EQ(partition_count(12, 3), 15400);
}

TEST(Sgd4Partitions, RandomPartitionIsAPartition) {
  for (std::uint64_t s = 0; s < 20; ++s) {
    const Blocks bl = random_partition(12, 4, 5, s);
    std::vector<int> all;
    for (const auto& b : bl) all.insert(all.end(), b.begin(), b.end());
    std::sort(all.begin(), all.end());
    for (int i = 0; i < 12; ++i) EXPECT_EQ(all[i], i);
  }
}

TEST(Sgd4BatchSizeDecomposition, ExactAndMonteCarloAgreeWithFormula) {
  for (const auto& spec : sgd_batch_size_problems()) {
    const Case c = sgd_batch_size_case<quad>(claim_context("SGD-4"), spec);
    EXPECT_TRUE(c.pass) << spec.name;
    for (const auto& row : c.tables[1].rows) EXPECT_EQ(row[7], "holds") << spec.name << " B = " << row[0];
  }
}
