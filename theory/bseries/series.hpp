// B-series with exact rational coefficients (Hairer, Lubich & Wanner, GNI III.1 and IX.9; Chartier, Hairer &
// Vilmart, Found. Comput. Math. 10 (2010)). With the normalisation of GNI,
//   a method:  B(a, y) = y + sum_t h^|t| a(t) / sigma(t) F(t)(y)          (a(empty) = 1; exact flow a(t) = 1/gamma(t)),
//   a field:   f_h(y)  = sum_t h^(|t|-1) b(t) / sigma(t) F(t)(y)            (b(empty) = 0),
// over the trees of a TreeTable through max_order nodes. compose() is the composition law (GNI Thm III.1.10), log()
// the modified field of a method (the field whose exact h-flow is the method to all orders kept, GNI IX.9,
// a(t) = sum_j (1/j!) (d_b^(j-1) b)(t)), exp() the h-flow of a field. All sums run over the subsets of nodes of one
// labelled representative of each tree (tree.hpp), so no multiplicity is counted by hand.
#pragma once

#include "theory/bseries/tree.hpp"

#include <boost/multiprecision/gmp.hpp>

#include <vector>

namespace irverify::bseries {

using Rational = boost::multiprecision::mpq_rational;

class Series {
 public:
  // Zero coefficients on every tree of table through max_order nodes (the trees are generated here).
  Series(TreeTable& table, int max_order);
  TreeTable& table() const { return *table_; }
  int max_order() const { return max_order_; }
  const std::vector<int>& trees() const { return trees_; }  // by order
  const Rational& operator[](int id) const { return c_.at(id); }
  Rational& operator[](int id) { return c_.at(id); }
  // The same series with h replaced by s h: c(t) s^|t|.
  Series scaled(const Rational& s) const;
  // Equal coefficients on every tree through max_order (trees added to the table later do not count).
  bool operator==(const Series& o) const;

 private:
  TreeTable* table_;
  int max_order_;
  std::vector<int> trees_;
  std::vector<Rational> c_;  // by tree id
};

// One explicit Euler step on the field sum_c w_c f_c: a(•_c) = w_c, 0 on larger trees.
Series euler(TreeTable& table, int max_order, const std::vector<Rational>& weights);
// The exact h-flow of the field sum_c f_c: a(t) = 1/gamma(t) on every colouring.
Series exact_flow(TreeTable& table, int max_order);
// a first, then b: B(b, B(a, y)) = B(compose(a, b), y), (ab)(t) = sum over root-closed node sets s of t of
// b(s) prod_{trees u of t minus s} a(u), with b(empty) = 1 (GNI Thm III.1.10). a and b share table and order.
Series compose(const Series& a, const Series& b);
// The modified field b of the method a (series of methods to fields) and its inverse, the h-flow of a field.
Series log(const Series& a);
Series exp(const Series& b);
// The series of h f(B(c, y)) for a method c (GNI Lemma III.1.9): c'(•) = 1, c'([t1, ..., tk]) = c(t1) ... c(tk).
Series grafted(const Series& c);
// The Lie derivative of the field series c along the field b: (d_b c)(t) = sum over non-root nodes v of
// c(t minus the branch at v) b(branch at v): the series of c'(y) f_b(y) (GNI Lemma IX.9.1).
Series lie_derivative(const Series& c, const Series& b);

}  // namespace irverify::bseries
