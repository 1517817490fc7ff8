// Operation tape for Taylor-mode automatic differentiation.
//
// A model writes its gradient once as a template on the value type T. Run with
// T = Var<S>, it records a straight-line program (the tape) over the scalar S;
// data enter as constants of S, and operations on constants are folded, so the
// tape holds only the work that depends on the inputs. solvers/flow/taylor.hpp
// propagates truncated Taylor series through a tape; jvp() below builds the tape
// of a directional derivative (used for Hessian-vector products).
//
// Supported operations: + - * / (Var or constant), negation, tanh, exp, log, sqrt,
// sin, cos, relu and its derivative step(x) = [x > 0]. relu and step are piecewise:
// their Taylor series are valid while no argument changes sign. Division is a * recip(b).
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace irverify {

template <class S> class Tape {
 public:
  enum class Op : std::uint8_t { Input, Add, Sub, Mul, Neg, AddC, MulC, Tanh, Relu, Step, Exp, Log, Recip, Sqrt, Sin, Cos };
  struct Node {
    Op op;
    int a;
    int b;
    S c;  // the constant of AddC / MulC
  };

  int add_input() {
    nodes_.push_back({Op::Input, static_cast<int>(inputs_.size()), -1, S(0)});
    inputs_.push_back(static_cast<int>(nodes_.size()) - 1);
    return inputs_.back();
  }
  int push(Op op, int a, int b, const S& c) {
    nodes_.push_back({op, a, b, c});
    return static_cast<int>(nodes_.size()) - 1;
  }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<int>& inputs() const { return inputs_; }
  std::size_t num_inputs() const { return inputs_.size(); }

 private:
  std::vector<Node> nodes_;
  std::vector<int> inputs_;
};

// A value on a tape, or a constant (tape == nullptr).
template <class S> struct Var {
  Tape<S>* tape = nullptr;
  int index = -1;
  S value = S(0);  // meaningful only for constants

  Var() = default;
  Var(const S& c) : value(c) {}  // NOLINT: implicit constant, as for any scalar
  Var(Tape<S>* t, int i) : tape(t), index(i) {}
  bool is_constant() const { return tape == nullptr; }
  bool is_zero() const { return is_constant() && value == 0; }
};

namespace detail {
template <class S> Tape<S>* tape_of(const Var<S>& a, const Var<S>& b) {
  if (a.tape && b.tape && a.tape != b.tape) throw std::logic_error("Var: operands on different tapes");
  return a.tape ? a.tape : b.tape;
}
template <class S> Var<S> node(Tape<S>* t, typename Tape<S>::Op op, int a, int b, const S& c) {
  return Var<S>(t, t->push(op, a, b, c));
}
}  // namespace detail

template <class S> Var<S> operator+(const Var<S>& a, const Var<S>& b) {
  using Op = typename Tape<S>::Op;
  if (a.is_constant() && b.is_constant()) return Var<S>(a.value + b.value);
  if (a.is_constant()) return a.value == 0 ? b : detail::node(b.tape, Op::AddC, b.index, -1, a.value);
  if (b.is_constant()) return b.value == 0 ? a : detail::node(a.tape, Op::AddC, a.index, -1, b.value);
  return detail::node(detail::tape_of(a, b), Op::Add, a.index, b.index, S(0));
}
template <class S> Var<S> operator-(const Var<S>& a) {
  if (a.is_constant()) return Var<S>(-a.value);
  return detail::node(a.tape, Tape<S>::Op::Neg, a.index, -1, S(0));
}
template <class S> Var<S> operator-(const Var<S>& a, const Var<S>& b) {
  if (a.is_constant() || b.is_constant()) return a + (-b);
  return detail::node(detail::tape_of(a, b), Tape<S>::Op::Sub, a.index, b.index, S(0));
}
template <class S> Var<S> operator*(const Var<S>& a, const Var<S>& b) {
  using Op = typename Tape<S>::Op;
  if (a.is_constant() && b.is_constant()) return Var<S>(a.value * b.value);
  if (a.is_constant() || b.is_constant()) {
    const Var<S>& v = a.is_constant() ? b : a;
    const S& c = a.is_constant() ? a.value : b.value;
    if (c == 0) return Var<S>(S(0));
    if (c == 1) return v;
    return detail::node(v.tape, Op::MulC, v.index, -1, c);
  }
  return detail::node(detail::tape_of(a, b), Op::Mul, a.index, b.index, S(0));
}
template <class S> Var<S> operator+(const Var<S>& a, const S& c) { return a + Var<S>(c); }
template <class S> Var<S> operator+(const S& c, const Var<S>& a) { return Var<S>(c) + a; }
template <class S> Var<S> operator-(const Var<S>& a, const S& c) { return a - Var<S>(c); }
template <class S> Var<S> operator-(const S& c, const Var<S>& a) { return Var<S>(c) - a; }
template <class S> Var<S> operator*(const Var<S>& a, const S& c) { return a * Var<S>(c); }
template <class S> Var<S> operator*(const S& c, const Var<S>& a) { return Var<S>(c) * a; }
template <class S> Var<S>& operator+=(Var<S>& a, const Var<S>& b) { return a = a + b; }
template <class S> Var<S>& operator-=(Var<S>& a, const Var<S>& b) { return a = a - b; }
template <class S> Var<S>& operator*=(Var<S>& a, const Var<S>& b) { return a = a * b; }

template <class S> Var<S> tanh(const Var<S>& a) {
  using std::tanh;
  if (a.is_constant()) return Var<S>(tanh(a.value));
  return detail::node(a.tape, Tape<S>::Op::Tanh, a.index, -1, S(0));
}
template <class S> Var<S> relu(const Var<S>& a) {
  if (a.is_constant()) return Var<S>(a.value > 0 ? a.value : S(0));
  return detail::node(a.tape, Tape<S>::Op::Relu, a.index, -1, S(0));
}
template <class S> Var<S> step(const Var<S>& a) {
  if (a.is_constant()) return Var<S>(a.value > 0 ? S(1) : S(0));
  return detail::node(a.tape, Tape<S>::Op::Step, a.index, -1, S(0));
}

template <class S> Var<S> exp(const Var<S>& a) {
  using std::exp;
  if (a.is_constant()) return Var<S>(S(exp(a.value)));
  return detail::node(a.tape, Tape<S>::Op::Exp, a.index, -1, S(0));
}
template <class S> Var<S> log(const Var<S>& a) {
  using std::log;
  if (a.is_constant()) return Var<S>(S(log(a.value)));
  return detail::node(a.tape, Tape<S>::Op::Log, a.index, -1, S(0));
}
template <class S> Var<S> recip(const Var<S>& a) {
  if (a.is_constant()) return Var<S>(S(S(1) / a.value));
  return detail::node(a.tape, Tape<S>::Op::Recip, a.index, -1, S(0));
}
template <class S> Var<S> sqrt(const Var<S>& a) {
  using std::sqrt;
  if (a.is_constant()) return Var<S>(S(sqrt(a.value)));
  return detail::node(a.tape, Tape<S>::Op::Sqrt, a.index, -1, S(0));
}
template <class S> Var<S> sin(const Var<S>& a) {
  using std::sin;
  if (a.is_constant()) return Var<S>(S(sin(a.value)));
  return detail::node(a.tape, Tape<S>::Op::Sin, a.index, -1, S(0));
}
template <class S> Var<S> cos(const Var<S>& a) {
  using std::cos;
  if (a.is_constant()) return Var<S>(S(cos(a.value)));
  return detail::node(a.tape, Tape<S>::Op::Cos, a.index, -1, S(0));
}
template <class S> Var<S> operator/(const Var<S>& a, const Var<S>& b) {
  if (b.is_constant()) return a * Var<S>(S(S(1) / b.value));
  return a * recip(b);
}
template <class S> Var<S> operator/(const Var<S>& a, const S& c) { return a / Var<S>(c); }
template <class S> Var<S> operator/(const S& c, const Var<S>& a) { return Var<S>(c) / a; }

// relu and step for plain scalars, so generic model code calls them unqualified.
template <class S> S relu(const S& x) { return x > 0 ? x : S(0); }
template <class S> S step(const S& x) { return x > 0 ? S(1) : S(0); }

// Replays tape `in` on the inputs `x` (Vars of another tape, or constants):
// returns the Var of every node of `in`.
template <class S> std::vector<Var<S>> replay(const Tape<S>& in, const std::vector<Var<S>>& x) {
  using Op = typename Tape<S>::Op;
  using std::tanh;
  if (x.size() != in.num_inputs()) throw std::invalid_argument("replay: wrong number of inputs");
  const auto& nodes = in.nodes();
  std::vector<Var<S>> v(nodes.size());
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    const auto& n = nodes[k];
    switch (n.op) {
      case Op::Input: v[k] = x[n.a]; break;
      case Op::Add: v[k] = v[n.a] + v[n.b]; break;
      case Op::Sub: v[k] = v[n.a] - v[n.b]; break;
      case Op::Mul: v[k] = v[n.a] * v[n.b]; break;
      case Op::Neg: v[k] = -v[n.a]; break;
      case Op::AddC: v[k] = v[n.a] + n.c; break;
      case Op::MulC: v[k] = v[n.a] * n.c; break;
      case Op::Tanh: v[k] = tanh(v[n.a]); break;
      case Op::Relu: v[k] = relu(v[n.a]); break;
      case Op::Step: v[k] = step(v[n.a]); break;
      case Op::Exp: v[k] = exp(v[n.a]); break;
      case Op::Log: v[k] = log(v[n.a]); break;
      case Op::Recip: v[k] = recip(v[n.a]); break;
      case Op::Sqrt: v[k] = sqrt(v[n.a]); break;
      case Op::Sin: v[k] = sin(v[n.a]); break;
      case Op::Cos: v[k] = cos(v[n.a]); break;
    }
  }
  return v;
}

// Forward-mode derivative of every node of `in` along the input direction `dx`,
// given the node values `v` from replay(): the tape of a Jacobian-vector product.
template <class S>
std::vector<Var<S>> jvp(const Tape<S>& in, const std::vector<Var<S>>& v, const std::vector<Var<S>>& dx) {
  using Op = typename Tape<S>::Op;
  if (dx.size() != in.num_inputs()) throw std::invalid_argument("jvp: wrong number of directions");
  const auto& nodes = in.nodes();
  std::vector<Var<S>> d(nodes.size());
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    const auto& n = nodes[k];
    switch (n.op) {
      case Op::Input: d[k] = dx[n.a]; break;
      case Op::Add: d[k] = d[n.a] + d[n.b]; break;
      case Op::Sub: d[k] = d[n.a] - d[n.b]; break;
      case Op::Mul: d[k] = d[n.a] * v[n.b] + v[n.a] * d[n.b]; break;
      case Op::Neg: d[k] = -d[n.a]; break;
      case Op::AddC: d[k] = d[n.a]; break;
      case Op::MulC: d[k] = d[n.a] * n.c; break;
      case Op::Tanh: d[k] = (S(1) - v[k] * v[k]) * d[n.a]; break;
      case Op::Relu: d[k] = step(v[n.a]) * d[n.a]; break;
      case Op::Step: d[k] = Var<S>(S(0)); break;
      case Op::Exp: d[k] = v[k] * d[n.a]; break;
      case Op::Log: d[k] = d[n.a] * recip(v[n.a]); break;
      case Op::Recip: d[k] = -(v[k] * v[k]) * d[n.a]; break;
      case Op::Sqrt: d[k] = d[n.a] * recip(S(2) * v[k]); break;  // y = sqrt(a): y' = a' / (2 y)
      case Op::Sin: d[k] = cos(v[n.a]) * d[n.a]; break;
      case Op::Cos: d[k] = -(sin(v[n.a]) * d[n.a]); break;
    }
  }
  return d;
}

// Second derivative of every node of `in` along the direction dx taken twice (dx fixed), given the node
// values `v` from replay() and the first derivatives `d` from jvp() along the same dx: for the gradient
// tape of L this is the tape of T[dx, dx] (the third derivative of L contracted twice).
template <class S>
std::vector<Var<S>> jvp2(const Tape<S>& in, const std::vector<Var<S>>& v, const std::vector<Var<S>>& d) {
  using Op = typename Tape<S>::Op;
  const auto& nodes = in.nodes();
  std::vector<Var<S>> d2(nodes.size());
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    const auto& n = nodes[k];
    switch (n.op) {
      case Op::Input: d2[k] = Var<S>(S(0)); break;
      case Op::Add: d2[k] = d2[n.a] + d2[n.b]; break;
      case Op::Sub: d2[k] = d2[n.a] - d2[n.b]; break;
      case Op::Mul: d2[k] = d2[n.a] * v[n.b] + S(2) * (d[n.a] * d[n.b]) + v[n.a] * d2[n.b]; break;
      case Op::Neg: d2[k] = -d2[n.a]; break;
      case Op::AddC: d2[k] = d2[n.a]; break;
      case Op::MulC: d2[k] = d2[n.a] * n.c; break;
      // y = tanh(a): y'' = (1 - y^2) a'' - 2 y y' a'.
      case Op::Tanh: d2[k] = (S(1) - v[k] * v[k]) * d2[n.a] - S(2) * (v[k] * d[k]) * d[n.a]; break;
      case Op::Relu: d2[k] = step(v[n.a]) * d2[n.a]; break;
      case Op::Step: d2[k] = Var<S>(S(0)); break;
      // y = exp(a): y'' = y (a'' + a'^2);  y = log(a): y'' = a''/a - y'^2;  y = 1/a: y'' = -y^2 a'' - 2 y y' a'.
      case Op::Exp: d2[k] = v[k] * (d2[n.a] + d[n.a] * d[n.a]); break;
      case Op::Log: d2[k] = d2[n.a] * recip(v[n.a]) - d[k] * d[k]; break;
      case Op::Recip: d2[k] = -(v[k] * v[k]) * d2[n.a] - S(2) * (v[k] * d[k]) * d[n.a]; break;
      // y = sqrt(a): y'' = (a'' - 2 y'^2) / (2 y);  y = sin(a): y'' = cos(a) a'' - y a'^2;  cos: -sin(a) a'' - y a'^2.
      case Op::Sqrt: d2[k] = (d2[n.a] - S(2) * (d[k] * d[k])) * recip(S(2) * v[k]); break;
      case Op::Sin: d2[k] = cos(v[n.a]) * d2[n.a] - v[k] * (d[n.a] * d[n.a]); break;
      case Op::Cos: d2[k] = -(sin(v[n.a]) * d2[n.a]) - v[k] * (d[n.a] * d[n.a]); break;
    }
  }
  return d2;
}

}  // namespace irverify
