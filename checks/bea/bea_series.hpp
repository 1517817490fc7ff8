// What the BEA claims share (CLAIMS.md BEA): exact rationals in the run's scalar, a field series as weighted trees
// for theory/bseries/elementary.hpp, exact statements and the tables that print a series.
#pragma once

#include "checks/framework/case.hpp"
#include "theory/bseries/elementary.hpp"
#include "theory/bseries/notation.hpp"

#include <fmt/format.h>

#include <chrono>
#include <sstream>
#include <stdexcept>

namespace irverify {

namespace bs = bseries;

inline std::string rational_text(const bs::Rational& q) {
  std::ostringstream o;
  o << q;
  return o.str();
}

// q in S, exactly where S can hold it (numerator and denominator are built in S from their decimal digits).
template <class S> S to_scalar(const bs::Rational& q) {
  return parse_scalar<S>(boost::multiprecision::numerator(q).str()) / parse_scalar<S>(boost::multiprecision::denominator(q).str());
}

// The terms h^(|t|-1) b(t)/sigma(t) F(t) of the field series b for the trees of 1..max_order nodes (zero terms
// dropped): the input of series_field().
template <class S> std::vector<std::pair<S, bs::ConcreteTree>> field_terms(const bs::Series& b, int max_order, const S& h) {
  std::vector<std::pair<S, bs::ConcreteTree>> v;
  const bs::TreeTable& t = b.table();
  for (int id : b.trees()) {
    if (t.order(id) > max_order || b[id] == 0) continue;
    S c = to_scalar<S>(b[id] / bs::Rational(t.sigma(id)));
    for (int k = 1; k < t.order(id); ++k) c *= h;
    v.emplace_back(c, t.concrete(id));
  }
  return v;
}

// A case of exact series: no problem (origin says which trees), no scalar but GMP rationals, no ladder.
inline Case exact_case(const RunContext& ctx, const std::string& name, const std::string& origin, const std::string& label) {
  Case c;
  c.context = &ctx;
  c.spec.name = name;
  c.spec.model = "B-series";
  c.spec.origin = origin;
  c.label = label;
  c.scalar = "rational (GMP)";
  return c;
}

// A statement decided by exact rational arithmetic: `found` against `want`.
inline void state_exact(Case& c, const std::string& text, Outcome expected, const bs::Rational& found, const bs::Rational& want) {
  c.state(text, expected, outcome_of(found == want), fmt::format("exact: {} (stated {})", rational_text(found), rational_text(want)));
}

// The table of a field series: each tree of 1..max_order nodes with sigma, gamma, b(t) and its term in both forms.
inline CaseTable series_table(const std::string& title, const bs::Series& b, int max_order, bool gradient) {
  CaseTable t{title, {"tree", "|t|", "sigma(t)", "gamma(t)", "b(t)", "term of f_|t|"}, {}};
  if (gradient) t.columns.push_back("as a gradient field");
  const bs::TreeTable& tab = b.table();
  for (int id : b.trees()) {
    if (tab.order(id) > max_order) continue;
    std::vector<std::string> row{tab.name(id), std::to_string(tab.order(id)), std::to_string(tab.sigma(id)),
                                 std::to_string(tab.gamma(id)), rational_text(b[id]),
                                 rational_text(bs::term_coefficient(b, id, bs::Notation::field)) + " " +
                                     bs::differential_text(tab, id, bs::Notation::field)};
    if (gradient)
      row.push_back(rational_text(bs::term_coefficient(b, id, bs::Notation::gradient)) + " " +
                    bs::differential_text(tab, id, bs::Notation::gradient));
    t.rows.push_back(std::move(row));
  }
  return t;
}

// The fields f_1..f_max_order of b, one row each, in both forms.
inline CaseTable fields_table(const std::string& title, const bs::Series& b, int max_order, bool gradient) {
  CaseTable t{title, {"power of h", "f_k", "as a gradient field"}, {}};
  if (!gradient) t.columns.pop_back();
  for (int k = 1; k <= max_order; ++k) {
    std::vector<std::string> row{k == 1 ? "1" : k == 2 ? "h" : "h^" + std::to_string(k - 1), bs::order_text(b, k, bs::Notation::field)};
    if (gradient) row.push_back(bs::order_text(b, k, bs::Notation::gradient));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace irverify
