// A model's loss or residual written as text (issue 30, problem files' "residual" / "loss"), compiled once into an
// expression over named parameters and data columns (formula_symbols.hpp) and evaluated on the tape (theory/ad) in
// every precision, so gradient, Hessian, T[u, v] and the Taylor flows follow (theory/models/tape_model.hpp).
//
// Grammar (spaces between tokens are free):
//   expr    := term (('+' | '-') term)*
//   term    := factor (('*' | '/') factor)*
//   factor  := '-' factor | power
//   power   := primary ['^' factor]                      right associative: -x^2 = -(x^2), 2^-1 = 1/2
//   primary := number | name | name '[' index ']' | name '(' expr {',' expr} ')' | 'sum' '(' name ',' expr ')'
//            | '(' expr ')'
//   index   := integer (0-based) | the index of an enclosing sum
//   number  := digits ['.' digits] [('e' | 'E') ['+' | '-'] digits]   kept as decimal text, rounded once in S
// Functions: exp, log, sqrt, tanh, sin, cos, sigmoid(x) = (1 + tanh(x/2))/2, softplus(x) = log(1 + exp(x)) (smooth);
// relu, abs, min, max (kinks: the model is not smooth). x^n for an integer literal n (|n| <= 1024) is a product,
// x^y otherwise exp(y log x) (x > 0). sum(k, e) adds e over k = 0 .. n-1, n the length of every vector e indexes by k.
// Limits (checked while parsing, so no text can crash, hang or exhaust memory): kMaxLength characters, kMaxDepth
// nested parentheses, functions, signs and powers, kMaxWork node evaluations per example.
#pragma once

#include "theory/ad/tape.hpp"
#include "theory/formula/formula_symbols.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace irverify {

// A parse or name error: `column` is the 1-based character of the text it points at.
class FormulaError : public std::runtime_error {
 public:
  FormulaError(std::size_t column, const std::string& what) : std::runtime_error(what), column(column) {}
  std::size_t column;
};

// Two lines under a message: the text around `column` (at most 72 characters) and a caret under that character.
std::string formula_caret(const std::string& text, std::size_t column);

class Formula {
 public:
  static constexpr std::size_t kMaxLength = 1 << 16;
  static constexpr int kMaxDepth = 200;
  static constexpr long long kMaxWork = 1LL << 22;

  // Throws FormulaError (the text) or std::invalid_argument (the symbols: a name twice, a function's name, a size out
  // of range).
  Formula(const std::string& text, const FormulaSymbols& symbols);

  bool smooth() const { return smooth_; }
  long long work() const { return work_; }  // node evaluations per example
  // The decimal text of every number, in the order evaluate() takes their values.
  const std::vector<std::string>& literals() const { return literals_; }

  // The value for parameters theta (a Var each: inputs of a tape, or constants) and one data row (the columns'
  // numbers in order; none without data), the literals rounded in S once by the caller.
  template <class S>
  Var<S> evaluate(const std::vector<Var<S>>& theta, const S* row, const std::vector<S>& literals) const;
  // The same with the row's numbers as Vars (inputs of a tape: one tape for every example; theory/ad/example_tape.hpp).
  template <class S>
  Var<S> evaluate(const std::vector<Var<S>>& theta, const std::vector<Var<S>>& row, const std::vector<S>& literals) const;

 private:
  enum class Kind : std::uint8_t { Number, Param, Column, Neg, Add, Sub, Mul, Div, PowInt, Pow, Call, Sum };
  enum class Fn : std::uint8_t { Exp, Log, Sqrt, Tanh, Sin, Cos, Sigmoid, Softplus, Relu, Abs, Min, Max };
  struct Node {
    Kind kind;
    Fn fn = Fn::Exp;
    int a = -1, b = -1;  // operands (node indices, always below this node's)
    int at = 0;          // Number: literal; Param, Column: offset in theta / the row; Sum: its index's slot
    int slot = -1;       // Param, Column of a vector: the sum slot giving the entry, or -1 for a literal index in `at`
    int range = 0;       // Sum: the entries its index runs over
    int first = 0;       // Sum: the first node of its body (the body's root is the node just below the Sum)
    long power = 0;      // PowInt
  };
  friend class FormulaParser;

  template <class S> struct Context {
    const std::vector<Var<S>>& theta;
    const S* row;
    const Var<S>* row_vars;  // the row as Vars instead, or nullptr
    const std::vector<S>& literals;
    std::vector<Var<S>> value;
    std::vector<int> slot;
  };
  template <class S> void run(Context<S>& c, int lo, int hi) const;
  template <class S> static Var<S> call(Fn fn, const Var<S>& x, const Var<S>& y);
  template <class S> static Var<S> power(const Var<S>& x, long n);

  std::vector<Node> nodes_;
  std::vector<std::vector<int>> sums_at_;  // sums_at_[n]: the Sum nodes whose body starts at node n, outermost first
  std::vector<std::string> literals_;
  int slots_ = 0;
  bool smooth_ = true;
  long long work_ = 0;
};

template <class S> Var<S> Formula::power(const Var<S>& x, long n) {
  if (n == 0) return Var<S>(S(1));
  const bool invert = n < 0;
  unsigned long e = static_cast<unsigned long>(invert ? -n : n);
  Var<S> base = x, r(S(1));
  while (e) {  // binary powering: x^13 = x^8 x^4 x (the leading 1 folds away)
    if (e & 1u) r = r * base;
    e >>= 1;
    if (e) base = base * base;
  }
  return invert ? recip(r) : r;
}

template <class S> Var<S> Formula::call(Fn fn, const Var<S>& x, const Var<S>& y) {
  const S half = S(1) / 2;
  switch (fn) {
    case Fn::Exp: return exp(x);
    case Fn::Log: return log(x);
    case Fn::Sqrt: return sqrt(x);
    case Fn::Tanh: return tanh(x);
    case Fn::Sin: return sin(x);
    case Fn::Cos: return cos(x);
    case Fn::Sigmoid: return (tanh(x * half) + S(1)) * half;
    case Fn::Softplus: return log(exp(x) + S(1));
    case Fn::Relu: return relu(x);
    case Fn::Abs: return relu(x) + relu(-x);
    case Fn::Min: return x - relu(x - y);
    case Fn::Max: return x + relu(y - x);
  }
  return x;
}

// Nodes lo..hi in order (operands precede their node), a sum's body rerun per value of its index.
template <class S> void Formula::run(Context<S>& c, int lo, int hi) const {
  for (int n = lo; n <= hi; ++n) {
    const std::vector<int>& starts = sums_at_[n];
    int s = -1;  // the outermost sum starting here that ends within [lo, hi]
    for (int k : starts)
      if (k <= hi) {
        s = k;
        break;
      }
    if (s >= 0) {
      const Node& sum = nodes_[s];
      Var<S> acc(S(0));
      for (int i = 0; i < sum.range; ++i) {
        c.slot[sum.at] = i;
        run(c, n, s - 1);
        acc += c.value[s - 1];
      }
      c.value[s] = acc;
      n = s;
      continue;
    }
    const Node& d = nodes_[n];
    Var<S>& v = c.value[n];
    const auto entry = [&](int base) { return base + (d.slot >= 0 ? c.slot[d.slot] : 0); };
    switch (d.kind) {
      case Kind::Number: v = Var<S>(c.literals[d.at]); break;
      case Kind::Param: v = c.theta[entry(d.at)]; break;
      case Kind::Column: v = c.row_vars ? c.row_vars[entry(d.at)] : Var<S>(c.row[entry(d.at)]); break;
      case Kind::Neg: v = -c.value[d.a]; break;
      case Kind::Add: v = c.value[d.a] + c.value[d.b]; break;
      case Kind::Sub: v = c.value[d.a] - c.value[d.b]; break;
      case Kind::Mul: v = c.value[d.a] * c.value[d.b]; break;
      case Kind::Div: v = c.value[d.a] / c.value[d.b]; break;
      case Kind::PowInt: v = power(c.value[d.a], d.power); break;
      case Kind::Pow: v = exp(c.value[d.b] * log(c.value[d.a])); break;
      case Kind::Call: v = call(d.fn, c.value[d.a], d.b >= 0 ? c.value[d.b] : Var<S>(S(0))); break;
      case Kind::Sum: break;  // reached only through sums_at_
    }
  }
}

template <class S>
Var<S> Formula::evaluate(const std::vector<Var<S>>& theta, const S* row, const std::vector<S>& literals) const {
  Context<S> c{theta, row, nullptr, literals, std::vector<Var<S>>(nodes_.size()), std::vector<int>(slots_, 0)};
  run(c, 0, static_cast<int>(nodes_.size()) - 1);
  return c.value.back();
}

template <class S>
Var<S> Formula::evaluate(const std::vector<Var<S>>& theta, const std::vector<Var<S>>& row, const std::vector<S>& literals) const {
  Context<S> c{theta, nullptr, row.data(), literals, std::vector<Var<S>>(nodes_.size()), std::vector<int>(slots_, 0)};
  run(c, 0, static_cast<int>(nodes_.size()) - 1);
  return c.value.back();
}

}  // namespace irverify
