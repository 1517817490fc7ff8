// Linear maps on forests (multisets of trees) through max_order nodes in all: the dual of the Connes-Kreimer Hopf
// algebra of rooted trees (Chartier, Hairer & Vilmart 2010, Sec. 2), where the composition law of compose() is the
// convolution (x * y)(F) = sum over admissible cuts of F of x(pruned forest) y(trunk forest), each tree of F cut by a
// root-closed node set (empty: all pruned; all: all trunk). A method's series is a character (multiplicative on
// forests); the mean of several independent random methods is not, which is why expectations of compositions
// (SGD's batches drawn with replacement) are taken here: E[a_1 * ... * a_m] = E[a_1] * ... * E[a_m].
#pragma once

#include "theory/bseries/series.hpp"

#include <map>
#include <vector>

namespace irverify::bseries {

using Forest = std::vector<int>;  // sorted tree ids; empty: the empty forest

class ForestMap {
 public:
  // Zero on every forest of table's trees with at most max_order nodes in all (the trees are generated here).
  ForestMap(TreeTable& table, int max_order);
  TreeTable& table() const { return *table_; }
  int max_order() const { return max_order_; }
  const std::vector<Forest>& forests() const { return forests_; }  // the empty forest first
  const Rational& operator[](const Forest& f) const { return v_.at(f); }
  Rational& operator[](const Forest& f) { return v_.at(f); }

 private:
  TreeTable* table_;
  int max_order_;
  std::vector<Forest> forests_;
  std::map<Forest, Rational> v_;
};

// The character of a method's series: a(empty) = 1, a(t1 ... tk) = a(t1) ... a(tk).
ForestMap character(const Series& a);
// The convolution x * y (x first, then y).
ForestMap convolve(const ForestMap& x, const ForestMap& y);
// The values on single trees, as a series.
Series on_trees(const ForestMap& x);

}  // namespace irverify::bseries
