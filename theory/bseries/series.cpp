#include "theory/bseries/series.hpp"

#include <stdexcept>

namespace irverify::bseries {

namespace {

void require_same(const Series& a, const Series& b, const char* what) {
  if (&a.table() != &b.table() || a.max_order() != b.max_order())
    throw std::invalid_argument(std::string(what) + ": series over different tables or orders");
}

}  // namespace

Series::Series(TreeTable& table, int max_order) : table_(&table), max_order_(max_order) {
  if (max_order < 1) throw std::invalid_argument("Series: max_order >= 1");
  trees_ = table.all(max_order);
  c_.assign(table.size(), Rational(0));
}

Series Series::scaled(const Rational& s) const {
  Series r = *this;
  for (int t : trees_) {
    Rational p = 1;
    for (int k = 0; k < table_->order(t); ++k) p *= s;
    r[t] = c_[t] * p;
  }
  return r;
}

bool Series::operator==(const Series& o) const {
  if (table_ != o.table_ || max_order_ != o.max_order_) return false;
  for (int t : trees_)
    if (c_[t] != o.c_[t]) return false;
  return true;
}

Series euler(TreeTable& table, int max_order, const std::vector<Rational>& weights) {
  if (static_cast<int>(weights.size()) != table.colours()) throw std::invalid_argument("euler: one weight per colour");
  Series a(table, max_order);
  for (int t : a.trees())
    if (table.order(t) == 1) a[t] = weights[table.colour(t)];
  return a;
}

Series exact_flow(TreeTable& table, int max_order) {
  Series a(table, max_order);
  for (int t : a.trees()) a[t] = Rational(1, table.gamma(t));
  return a;
}

Series compose(const Series& a, const Series& b) {
  require_same(a, b, "compose");
  TreeTable& tab = a.table();
  Series r(tab, a.max_order());
  for (int t : r.trees()) {
    Rational sum = 0;
    for (const TreeTable::Cut& c : tab.cuts(t)) {
      Rational term = c.trunk < 0 ? Rational(1) : b[c.trunk];  // b(empty) = 1
      for (int u : c.pruned) term *= a[u];
      sum += term;
    }
    r[t] = sum;
  }
  return r;
}

Series grafted(const Series& c) {
  TreeTable& tab = c.table();
  Series r(tab, c.max_order());
  for (int t : r.trees()) {
    Rational p = 1;
    for (int u : tab.children(t)) p *= c[u];
    r[t] = p;
  }
  return r;
}

Series lie_derivative(const Series& c, const Series& b) {
  require_same(c, b, "lie_derivative");
  TreeTable& tab = c.table();
  Series r(tab, c.max_order());
  for (int t : r.trees())
    for (const auto& [trunk, branch] : tab.edge_cuts(t)) r[t] += c[trunk] * b[branch];
  return r;
}

// a(t) = sum_{j=1}^{|t|} D_j(t) / j!, D_1 = b, D_j = d_b D_{j-1}. D_j(t) needs b on trees smaller than t only, so
// log() solves for b(t) tree by tree in order; both run the same loop.
namespace {

Series flow_or_log(const Series& given, bool to_field) {
  TreeTable& tab = given.table();
  const int N = given.max_order();
  Series b(tab, N), a(tab, N);
  std::vector<Series> D(N + 1, Series(tab, N));  // D[j] = d_b^(j-1) b, j = 1..N, filled tree by tree
  for (int t : b.trees()) {
    const std::vector<std::pair<int, int>> cuts = tab.edge_cuts(t);
    Rational higher = 0, fact = 1;
    for (int j = 2; j <= tab.order(t); ++j) {
      for (const auto& [trunk, branch] : cuts) D[j][t] += D[j - 1][trunk] * b[branch];  // lie_derivative, one tree
      fact *= j;
      higher += D[j][t] / fact;
    }
    b[t] = to_field ? Rational(given[t] - higher) : given[t];
    if (!to_field) a[t] = given[t] + higher;
    D[1][t] = b[t];
  }
  return to_field ? b : a;
}

}  // namespace

Series log(const Series& a) { return flow_or_log(a, true); }
Series exp(const Series& b) { return flow_or_log(b, false); }

}  // namespace irverify::bseries
