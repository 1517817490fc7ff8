// solvers/sgd/partitions.hpp: N! / ((B!)^m m!) partitions into m = N/B batches of B; for_each_partition visits each
// exactly once; random_partition draws a partition, uniformly (chi-square over the 15 partitions of 6 into pairs), as a
// pure function of (seed, sample); B must divide N.
#include "solvers/sgd/partitions.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace irverify;

namespace {
// The blocks sorted (each, and among themselves): a canonical form; checks that they partition 0..n-1 into size b.
Blocks canonical_partition(Blocks p, int n, int b) {
  std::vector<int> all;
  for (auto& blk : p) {
    EXPECT_EQ(static_cast<int>(blk.size()), b);
    std::sort(blk.begin(), blk.end());
    all.insert(all.end(), blk.begin(), blk.end());
  }
  std::sort(all.begin(), all.end());
  std::vector<int> expect(n);
  for (int i = 0; i < n; ++i) expect[i] = i;
  EXPECT_EQ(all, expect);
  std::sort(p.begin(), p.end());
  return p;
}
}  // namespace

TEST(Partitions, CountsAndEnumerationAgree) {
  EXPECT_EQ(partition_count(4, 2), 3);
  EXPECT_EQ(partition_count(6, 2), 15);
  EXPECT_EQ(partition_count(6, 3), 10);
  EXPECT_EQ(partition_count(8, 2), 105);
  EXPECT_EQ(partition_count(9, 3), 280);
  EXPECT_EQ(partition_count(5, 5), 1);
  EXPECT_EQ(partition_count(5, 1), 1);
  EXPECT_EQ(partition_count(12, 3), 15400);
  EXPECT_EQ(partition_count(200, 2), -1);  // (199)!! > 2^62
  for (const auto& [n, b] : std::vector<std::pair<int, int>>{{6, 2}, {6, 3}, {8, 2}, {9, 3}, {8, 4}, {5, 1}}) {
    std::set<Blocks> seen;
    long visits = 0;
    for_each_partition(n, b, [&](const Blocks& p) {
      ++visits;
      seen.insert(canonical_partition(p, n, b));
    });
    EXPECT_EQ(visits, partition_count(n, b)) << n << " " << b;
    EXPECT_EQ(static_cast<long>(seen.size()), visits) << "a partition visited twice";
  }
  EXPECT_THROW(partition_count(5, 2), std::invalid_argument);
  EXPECT_THROW(for_each_partition(6, 4, [](const Blocks&) {}), std::invalid_argument);
}

TEST(Partitions, RandomPartitionIsUniformAndReproducible) {
  std::map<Blocks, long> count;
  const long draws = 30000;
  for (long s = 0; s < draws; ++s) ++count[canonical_partition(random_partition(6, 2, 17, s), 6, 2)];
  ASSERT_EQ(count.size(), 15u);
  double chi2 = 0;
  for (const auto& [p, c] : count) chi2 += (c - 2000.0) * (c - 2000.0) / 2000.0;
  EXPECT_LT(chi2, boost::math::quantile(boost::math::chi_squared(14), 0.999));
  EXPECT_EQ(random_partition(8, 4, 3, 9), random_partition(8, 4, 3, 9));
  EXPECT_NE(random_partition(8, 4, 3, 9), random_partition(8, 4, 4, 9));
  EXPECT_THROW(random_partition(8, 4, 3, std::uint64_t{1} << 32), std::invalid_argument);
  EXPECT_THROW(random_partition(7, 2, 3, 0), std::invalid_argument);
}
