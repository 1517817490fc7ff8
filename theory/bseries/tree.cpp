#include "theory/bseries/tree.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace irverify::bseries {

std::vector<std::vector<int>> ConcreteTree::children() const {
  std::vector<std::vector<int>> c(parent.size());
  for (int i = 1; i < size(); ++i) c[parent[i]].push_back(i);
  return c;
}

TreeTable::TreeTable(int colours) : colours_(colours) {
  if (colours < 1) throw std::invalid_argument("TreeTable: at least one colour");
}

int TreeTable::intern(int colour, std::vector<int> children) {
  if (colour < 0 || colour >= colours_) throw std::invalid_argument("TreeTable: colour out of range");
  int nodes = 1;
  for (int c : children) nodes += trees_.at(c).order;
  if (nodes > kMaxOrder) throw std::invalid_argument("TreeTable: more than 20 nodes (sigma and gamma are 64-bit integers)");
  std::sort(children.begin(), children.end());
  auto key = std::make_pair(colour, children);
  if (auto it = index_.find(key); it != index_.end()) return it->second;
  // order = 1 + sum |t_i|; gamma = |t| prod gamma(t_i); sigma = prod sigma(t_i) * prod (multiplicity)!.
  Node n{colour, children, 1, 1, 1};
  for (std::size_t i = 0, run = 0; i < children.size(); ++i) {
    const Node& c = trees_[children[i]];
    n.order += c.order;
    n.gamma *= c.gamma;
    n.sigma *= c.sigma;
    run = (i > 0 && children[i] == children[i - 1]) ? run + 1 : 1;
    n.sigma *= static_cast<std::int64_t>(run);
  }
  n.gamma *= n.order;
  trees_.push_back(std::move(n));
  const int id = size() - 1;
  index_.emplace(std::move(key), id);
  return id;
}

// Trees of order n: a root of each colour over every multiset of trees of total order n - 1, each multiset as a
// non-decreasing sequence of ids drawn from the trees of smaller order.
void TreeTable::trees_of_order(int n, std::vector<int>& out) {
  std::vector<int> smaller;
  for (int k = 1; k < n; ++k) smaller.insert(smaller.end(), by_order_[k].begin(), by_order_[k].end());
  std::sort(smaller.begin(), smaller.end());
  std::vector<int> chosen;
  std::vector<std::vector<int>> multisets;
  std::function<void(std::size_t, int)> pick = [&](std::size_t from, int left) {
    if (left == 0) {
      multisets.push_back(chosen);
      return;
    }
    for (std::size_t i = from; i < smaller.size(); ++i)
      if (trees_[smaller[i]].order <= left) {
        chosen.push_back(smaller[i]);
        pick(i, left - trees_[smaller[i]].order);
        chosen.pop_back();
      }
  };
  pick(0, n - 1);
  for (const std::vector<int>& m : multisets)
    for (int c = 0; c < colours_; ++c) out.push_back(intern(c, m));
}

std::vector<int> TreeTable::all(int max_order) {
  if (by_order_.empty()) by_order_.resize(1);
  while (static_cast<int>(by_order_.size()) <= max_order) {
    std::vector<int> next;
    trees_of_order(static_cast<int>(by_order_.size()), next);
    by_order_.push_back(std::move(next));
  }
  std::vector<int> out;
  for (int k = 1; k <= max_order; ++k) out.insert(out.end(), by_order_[k].begin(), by_order_[k].end());
  return out;
}

ConcreteTree TreeTable::concrete(int id) const {
  ConcreteTree t;
  std::function<void(int, int)> add = [&](int tree, int parent) {
    const int me = t.size();
    t.parent.push_back(parent);
    t.colour.push_back(trees_[tree].colour);
    for (int c : trees_[tree].children) add(c, me);
  };
  add(id, -1);
  return t;
}

int TreeTable::id_of(const ConcreteTree& t, const std::vector<char>& keep, int r) {
  std::vector<int> kids;
  for (int i = r + 1; i < t.size(); ++i)
    if (t.parent[i] == r && keep[i]) kids.push_back(id_of(t, keep, i));
  return intern(t.colour[r], std::move(kids));
}

std::vector<TreeTable::Cut> TreeTable::cuts(int id) {
  const ConcreteTree t = concrete(id);
  const int n = t.size();
  std::vector<Cut> out{{-1, {id}}};
  for (unsigned long mask = 1; mask < (1UL << n); mask += 2) {  // the root is in every non-empty s
    std::vector<char> keep(n), rest(n);
    bool closed = true;
    for (int i = 0; i < n; ++i) {
      keep[i] = static_cast<char>((mask >> i) & 1UL);
      rest[i] = static_cast<char>(!keep[i]);
      closed = closed && (!keep[i] || i == 0 || keep[t.parent[i]]);
    }
    if (!closed) continue;
    Cut c{id_of(t, keep, 0), {}};
    for (int v = 1; v < n; ++v)
      if (!keep[v] && keep[t.parent[v]]) c.pruned.push_back(id_of(t, rest, v));
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::pair<int, int>> TreeTable::edge_cuts(int id) {
  const ConcreteTree t = concrete(id);
  const int n = t.size();
  std::vector<std::pair<int, int>> out;
  for (int v = 1; v < n; ++v) {
    std::vector<char> branch(n, 0), trunk(n);
    branch[v] = 1;
    for (int i = v + 1; i < n; ++i) branch[i] = branch[t.parent[i]];  // descendants follow v in preorder
    for (int i = 0; i < n; ++i) trunk[i] = static_cast<char>(!branch[i]);
    out.emplace_back(id_of(t, trunk, 0), id_of(t, branch, v));
  }
  return out;
}

std::string TreeTable::name(int id) const {
  const Node& n = trees_[id];
  std::string s = "•";
  if (colours_ > 1) s += std::to_string(n.colour);
  if (n.children.empty()) return s;
  std::string inner;
  for (int c : n.children) inner += (inner.empty() ? "" : ", ") + name(c);
  return (colours_ > 1 ? s : std::string()) + "[" + inner + "]";
}

}  // namespace irverify::bseries
