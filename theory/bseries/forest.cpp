#include "theory/bseries/forest.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace irverify::bseries {

ForestMap::ForestMap(TreeTable& table, int max_order) : table_(&table), max_order_(max_order) {
  std::vector<int> trees = table.all(max_order);
  std::sort(trees.begin(), trees.end());
  Forest f;
  std::function<void(std::size_t, int)> grow = [&](std::size_t from, int left) {
    forests_.push_back(f);
    for (std::size_t i = from; i < trees.size(); ++i)
      if (table.order(trees[i]) <= left) {
        f.push_back(trees[i]);
        grow(i, left - table.order(trees[i]));
        f.pop_back();
      }
  };
  grow(0, max_order);
  for (const Forest& x : forests_) v_.emplace(x, Rational(0));
}

ForestMap character(const Series& a) {
  ForestMap x(a.table(), a.max_order());
  for (const Forest& f : x.forests()) {
    Rational p = 1;
    for (int t : f) p *= a[t];
    x[f] = p;
  }
  return x;
}

ForestMap convolve(const ForestMap& x, const ForestMap& y) {
  if (&x.table() != &y.table() || x.max_order() != y.max_order()) throw std::invalid_argument("convolve: different tables or orders");
  TreeTable& tab = x.table();
  ForestMap r(tab, x.max_order());
  std::map<int, std::vector<TreeTable::Cut>> memo;
  for (const Forest& f : r.forests()) {
    std::vector<const std::vector<TreeTable::Cut>*> per;
    for (int t : f) {
      auto it = memo.find(t);
      if (it == memo.end()) it = memo.emplace(t, tab.cuts(t)).first;
      per.push_back(&it->second);
    }
    Rational sum = 0;
    Forest pruned, trunk;
    std::function<void(std::size_t)> pick = [&](std::size_t i) {
      if (i == f.size()) {
        Forest p = pruned, q = trunk;
        std::sort(p.begin(), p.end());
        std::sort(q.begin(), q.end());
        sum += x[p] * y[q];
        return;
      }
      for (const TreeTable::Cut& c : *per[i]) {
        const std::size_t np = pruned.size(), nt = trunk.size();
        pruned.insert(pruned.end(), c.pruned.begin(), c.pruned.end());
        if (c.trunk >= 0) trunk.push_back(c.trunk);
        pick(i + 1);
        pruned.resize(np);
        trunk.resize(nt);
      }
    };
    pick(0);
    r[f] = sum;
  }
  return r;
}

Series on_trees(const ForestMap& x) {
  Series s(x.table(), x.max_order());
  for (int t : s.trees()) s[t] = x[Forest{t}];
  return s;
}

}  // namespace irverify::bseries
