// Reverse mode on a tape: the gradient of a recorded scalar as a program of its own, so that a model written as one
// loss (or residual) function gets its gradient tape, and from it the Hessian (jacobian), T[u, u] (jvp2) and the
// Taylor-series flows, in every precision (theory/models/tape_model.hpp).
#pragma once

#include "theory/ad/program.hpp"

#include <functional>

namespace irverify {

// The program x -> grad f(x) for f: R^n -> R given on Vars: f is recorded on the program's tape, then the adjoint
// sweep (node by node, last to first) appends the gradient's nodes to the same tape:
//   adj[y] = 1;  a + b, a - b: adj passes (negated for b);  a b: adj b to a, adj a to b;  c a, -a: scaled;
//   tanh: (1 - y^2);  exp: y;  log: 1/a;  1/a: -y^2;  sqrt: 1/(2y);  sin: cos(a);  cos: -sin(a);  relu: step(a);
//   step: 0.
template <class S> Program<S> gradient_program_of(int n, const std::function<Var<S>(const std::vector<Var<S>>&)>& f) {
  using Op = typename Tape<S>::Op;
  Program<S> p;
  const std::vector<Var<S>> x = p.make_inputs(n);
  const Var<S> y = f(x);
  p.outputs.assign(n, Var<S>(S(0)));
  if (y.is_constant()) return p;  // f does not depend on x
  Tape<S>* t = p.tape.get();
  const int count = static_cast<int>(t->nodes().size());
  std::vector<Var<S>> adj(count, Var<S>(S(0)));
  adj[y.index] = Var<S>(S(1));
  const auto v = [&](int k) { return Var<S>(t, k); };
  for (int k = count - 1; k >= 0; --k) {
    if (adj[k].is_zero()) continue;
    const typename Tape<S>::Node nd = t->nodes()[k];  // a copy: the sweep appends to the tape
    const Var<S> a = adj[k];
    switch (nd.op) {
      case Op::Input: break;
      case Op::Add: adj[nd.a] += a; adj[nd.b] += a; break;
      case Op::Sub: adj[nd.a] += a; adj[nd.b] -= a; break;
      case Op::Mul: adj[nd.a] += a * v(nd.b); adj[nd.b] += a * v(nd.a); break;
      case Op::Neg: adj[nd.a] -= a; break;
      case Op::AddC: adj[nd.a] += a; break;
      case Op::MulC: adj[nd.a] += a * nd.c; break;
      case Op::Tanh: adj[nd.a] += a * (S(1) - v(k) * v(k)); break;
      case Op::Relu: adj[nd.a] += a * step(v(nd.a)); break;
      case Op::Step: break;
      case Op::Exp: adj[nd.a] += a * v(k); break;
      case Op::Log: adj[nd.a] += a * recip(v(nd.a)); break;
      case Op::Recip: adj[nd.a] -= a * (v(k) * v(k)); break;
      case Op::Sqrt: adj[nd.a] += a * recip(S(2) * v(k)); break;
      case Op::Sin: adj[nd.a] += a * cos(v(nd.a)); break;
      case Op::Cos: adj[nd.a] -= a * sin(v(nd.a)); break;
    }
  }
  for (int i = 0; i < n; ++i) p.outputs[i] = adj[x[i].index];
  return p;
}

}  // namespace irverify
