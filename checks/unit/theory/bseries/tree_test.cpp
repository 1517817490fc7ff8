// theory/bseries/tree.hpp: tree counts (1, 1, 2, 4, 9, 20, 48, 115 uncoloured; 2, 4, 14 with two colours), symmetry and
// density, names, the admissible and one-edge cuts of a representative, the bounds.
#include "theory/bseries/tree.hpp"

#include <gtest/gtest.h>

using namespace irverify::bseries;

TEST(TreeTable, CountsSymmetryAndDensity) {
  TreeTable t(1);
  std::vector<int> count(9, 0);
  for (int id : t.all(8)) ++count[t.order(id)];
  EXPECT_EQ(count, (std::vector<int>{0, 1, 1, 2, 4, 9, 20, 48, 115}));
  const int leaf = t.intern(0, {}), cherry = t.intern(0, {leaf, leaf}), chain = t.intern(0, {t.intern(0, {leaf})});
  EXPECT_EQ(t.sigma(cherry), 2);
  EXPECT_EQ(t.gamma(cherry), 3);
  EXPECT_EQ(t.sigma(chain), 1);
  EXPECT_EQ(t.gamma(chain), 6);
  EXPECT_EQ(t.sigma(t.intern(0, {cherry, cherry})), 8);  // 2 * 2 * 2!
  EXPECT_EQ(t.name(t.intern(0, {leaf, cherry})), "[•, [•, •]]");
  TreeTable two(2);
  std::vector<int> c2(4, 0);
  for (int id : two.all(3)) ++c2[two.order(id)];
  EXPECT_EQ(c2, (std::vector<int>{0, 2, 4, 14}));  // 2; 2 x 2; cherries 2 x 3 + chains 2^3
  EXPECT_EQ(two.name(two.intern(1, {two.intern(0, {})})), "•1[•0]");
  EXPECT_THROW(TreeTable(0), std::invalid_argument);
  EXPECT_THROW(t.intern(1, {}), std::invalid_argument);
  int tall = leaf;
  for (int k = 1; k < TreeTable::kMaxOrder; ++k) tall = t.intern(0, {tall});
  EXPECT_THROW(t.intern(0, {tall}), std::invalid_argument);  // 21 nodes
}

TEST(TreeTable, CutsOfARepresentative) {
  TreeTable t(1);
  const int leaf = t.intern(0, {}), stick = t.intern(0, {leaf}), cherry = t.intern(0, {leaf, leaf});
  // [•, •]: s empty, {root}, {root, leaf} twice (one per labelled leaf), all: 5 cuts.
  const std::vector<TreeTable::Cut> c = t.cuts(cherry);
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c[0].trunk, -1);
  EXPECT_EQ(c[0].pruned, std::vector<int>{cherry});
  int sticks = 0;
  for (const auto& cut : c) sticks += cut.trunk == stick && cut.pruned == std::vector<int>{leaf};
  EXPECT_EQ(sticks, 2);
  const std::vector<std::pair<int, int>> e = t.edge_cuts(t.intern(0, {stick}));  // the chain of 3 nodes
  EXPECT_EQ(e, (std::vector<std::pair<int, int>>{{leaf, stick}, {stick, leaf}}));
}
