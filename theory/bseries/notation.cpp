#include "theory/bseries/notation.hpp"

#include <sstream>

namespace irverify::bseries {

namespace {

std::string sub(const TreeTable& t, int id) { return t.colours() > 1 ? "_" + std::to_string(t.colour(id)) : ""; }

std::string field_form(const TreeTable& t, int id) {
  const std::vector<int>& ch = t.children(id);
  const std::string f = "f" + sub(t, id);
  if (ch.empty()) return f;
  if (ch.size() == 1) return f + "'" + field_form(t, ch[0]);
  std::string args;
  for (int c : ch) args += (args.empty() ? "" : ", ") + field_form(t, c);
  return f + std::string(ch.size(), '\'') + "(" + args + ")";
}

// A chain of Hessians of one colour over a contraction: "H^k x".
std::string gradient_form(const TreeTable& t, int id) {
  const std::vector<int>& ch = t.children(id);
  const std::string s = sub(t, id);
  if (ch.empty()) return "g" + s;
  if (ch.size() == 1) {
    int k = 1, end = ch[0];
    while (t.children(end).size() == 1 && t.colour(end) == t.colour(id)) {
      ++k;
      end = t.children(end)[0];
    }
    return "H" + s + (k > 1 ? "^" + std::to_string(k) : "") + " " + gradient_form(t, end);
  }
  std::string args;
  for (int c : ch) args += (args.empty() ? "" : ", ") + gradient_form(t, c);
  const std::string D = ch.size() == 2 ? "T" : "D" + std::to_string(ch.size() + 1) + "L";
  return D + s + "[" + args + "]";
}

}  // namespace

std::string differential_text(const TreeTable& table, int id, Notation n) {
  return n == Notation::field ? field_form(table, id) : gradient_form(table, id);
}

int gradient_sign(const TreeTable& table, int id) { return table.order(id) % 2 == 0 ? 1 : -1; }

Rational term_coefficient(const Series& b, int id, Notation n) {
  const TreeTable& t = b.table();
  Rational c = b[id] / Rational(t.sigma(id));
  return n == Notation::gradient ? c * gradient_sign(t, id) : c;
}

std::string order_text(const Series& b, int k, Notation n) {
  std::ostringstream o;
  bool first = true;
  for (int id : b.trees()) {
    if (b.table().order(id) != k) continue;
    const Rational c = term_coefficient(b, id, n);
    if (c == 0) continue;
    const Rational mag = c < 0 ? Rational(-c) : c;
    o << (first ? (c < 0 ? "-" : "") : (c < 0 ? " - " : " + "));
    if (mag != 1) {
      if (boost::multiprecision::denominator(mag) == 1) o << mag << " ";
      else o << "(" << mag << ") ";
    }
    o << differential_text(b.table(), id, n);
    first = false;
  }
  return first ? "0" : o.str();
}

}  // namespace irverify::bseries
