// A recorded vector function F: R^n -> R^m (a tape plus its outputs).
#pragma once

#include "theory/ad/tape.hpp"
#include "theory/linalg/dense.hpp"

#include <memory>
#include <vector>

namespace irverify {

template <class S> struct Program {
  std::unique_ptr<Tape<S>> tape = std::make_unique<Tape<S>>();
  std::vector<Var<S>> outputs;  // may be constants (folded)

  std::vector<Var<S>> make_inputs(int n) {
    std::vector<Var<S>> x;
    for (int i = 0; i < n; ++i) x.emplace_back(tape.get(), tape->add_input());
    return x;
  }
  int num_inputs() const { return static_cast<int>(tape->num_inputs()); }
  int num_outputs() const { return static_cast<int>(outputs.size()); }
};

// The Var of `src` output `o`, given the node Vars that replay() produced.
template <class S> Var<S> map_output(const Var<S>& o, const std::vector<Var<S>>& node_vars) {
  return o.is_constant() ? o : node_vars[o.index];
}
template <class S> Var<S> map_output_derivative(const Var<S>& o, const std::vector<Var<S>>& node_derivs) {
  return o.is_constant() ? Var<S>(S(0)) : node_derivs[o.index];
}

// F(x) at a point: replaying on constant inputs folds every node to a constant.
template <class S, class V> V evaluate(const Program<S>& p, const V& x) {
  std::vector<Var<S>> in;
  for (int i = 0; i < static_cast<int>(x.size()); ++i) in.emplace_back(S(x(i)));
  const std::vector<Var<S>> nodes = replay(*p.tape, in);
  V y(p.num_outputs());
  for (int i = 0; i < p.num_outputs(); ++i) y(i) = map_output(p.outputs[i], nodes).value;
  return y;
}

// The Jacobian dF/dx at a point, column by column (forward mode on constants: exact up to rounding).
template <class S> Mat<S> jacobian(const Program<S>& p, const Vec<S>& x) {
  std::vector<Var<S>> in;
  for (int i = 0; i < x.size(); ++i) in.emplace_back(x(i));
  const std::vector<Var<S>> nodes = replay(*p.tape, in);
  Mat<S> J(p.num_outputs(), p.num_inputs());
  for (int j = 0; j < p.num_inputs(); ++j) {
    std::vector<Var<S>> e(p.num_inputs(), Var<S>(S(0)));
    e[j] = Var<S>(S(1));
    const std::vector<Var<S>> d = jvp(*p.tape, nodes, e);
    for (int i = 0; i < p.num_outputs(); ++i) J(i, j) = map_output_derivative(p.outputs[i], d).value;
  }
  return J;
}

}  // namespace irverify
