// Elementary differentials of coloured trees (Hairer, Lubich & Wanner, GNI III.1), in any scalar S:
//   F(•_c)(x)               = f_c(x),
//   F([t1, ..., tk]_c)(x)   = f_c^(k)(x)[F(t1)(x), ..., F(tk)(x)],
// f_c^(k)(x) the k-th derivative of the field of colour c, a symmetric k-linear map R^n x ... x R^n -> R^n.
// The maps are recorded once per colour and k as programs Q_k(x, u_1, ..., u_k) = f^(k)(x)[u_1, ..., u_k]:
//   Q_0 = f,   Q_k(x, u_1..u_k) = d/ds Q_{k-1}(x + s u_k, u_1..u_{k-1}) at s = 0
// (replay Q_{k-1}, forward mode along (u_k, 0, ..., 0)); the directions are inputs, so a nested derivative never
// differentiates them. F(t) is then Q_k replayed bottom-up on (x, F(child_1), ..., F(child_k)), each distinct subtree
// (colour and multiset of children) once per call. The result is exact up to the rounding of the tape's operations:
// no difference quotient anywhere. Fields that are not smooth (ReLU) give the derivatives of their active branch.
#pragma once

#include "theory/ad/program.hpp"
#include "theory/bseries/tree.hpp"
#include "theory/models/model.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace irverify::bseries {

template <class S> class ElementaryDifferentials {
 public:
  // One field per colour, each a Program from R^n to R^n; Q_k is prepared for k <= max_children.
  ElementaryDifferentials(std::vector<Program<S>> fields, int max_children) {
    if (fields.empty()) throw std::invalid_argument("ElementaryDifferentials: no field");
    if (max_children < 0) throw std::invalid_argument("ElementaryDifferentials: max_children < 0");
    n_ = fields[0].num_inputs();
    for (const Program<S>& f : fields)
      if (f.num_inputs() != n_ || f.num_outputs() != n_)
        throw std::invalid_argument("ElementaryDifferentials: every field must map R^n to R^n, n = " +
                                    std::to_string(n_));
    for (Program<S>& f : fields) {
      std::vector<Program<S>> q;
      q.push_back(std::move(f));
      for (int k = 1; k <= max_children; ++k) q.push_back(next_derivative(q.back(), k));
      q_.push_back(std::move(q));
    }
  }
  int dim() const { return n_; }
  int colours() const { return static_cast<int>(q_.size()); }
  int max_children() const { return static_cast<int>(q_[0].size()) - 1; }

  // F(t)(x) recorded on the tape of x (n Vars of the caller's Program; constants give the value, folded).
  std::vector<Var<S>> record(const std::vector<Var<S>>& x, const ConcreteTree& t) const {
    Memo memo;
    return record(x, t, memo);
  }
  // F(t_j)(x) for several trees, a subtree they share recorded once.
  std::vector<std::vector<Var<S>>> record_all(const std::vector<Var<S>>& x, const std::vector<ConcreteTree>& ts) const {
    Memo memo;
    std::vector<std::vector<Var<S>>> out;
    for (const ConcreteTree& t : ts) out.push_back(record(x, t, memo));
    return out;
  }
  // F(t)(x) at a point.
  Vec<S> evaluate(const Vec<S>& x, const ConcreteTree& t) const {
    if (x.size() != n_) throw std::invalid_argument("ElementaryDifferentials::evaluate: wrong dimension");
    std::vector<Var<S>> in;
    for (int i = 0; i < n_; ++i) in.emplace_back(S(x(i)));
    const std::vector<Var<S>> y = record(in, t);
    Vec<S> v(n_);
    for (int i = 0; i < n_; ++i) v(i) = y[i].value;  // every node folded to a constant
    return v;
  }

 private:
  using Memo = std::map<std::string, std::vector<Var<S>>>;  // canonical subtree -> its F, on the caller's tape

  // Q_k from Q_{k-1}: inputs (x, u_1, ..., u_k), n each.
  Program<S> next_derivative(const Program<S>& prev, int k) const {
    Program<S> p;
    const std::vector<Var<S>> in = p.make_inputs(n_ * (k + 1));
    const std::vector<Var<S>> head(in.begin(), in.end() - n_);  // (x, u_1..u_{k-1})
    std::vector<Var<S>> dir(n_ * k, Var<S>(S(0)));              // (u_k, 0, ..., 0)
    std::copy(in.end() - n_, in.end(), dir.begin());
    const std::vector<Var<S>> v = replay(*prev.tape, head);
    const std::vector<Var<S>> d = jvp(*prev.tape, v, dir);
    for (const Var<S>& o : prev.outputs) p.outputs.push_back(map_output_derivative(o, d));
    return p;
  }

  std::vector<Var<S>> record(const std::vector<Var<S>>& x, const ConcreteTree& t, Memo& memo) const {
    if (static_cast<int>(x.size()) != n_)
      throw std::invalid_argument("ElementaryDifferentials::record: wrong dimension");
    const int m = t.size();
    if (m == 0 || static_cast<int>(t.colour.size()) != m || t.parent[0] != -1)
      throw std::invalid_argument("ElementaryDifferentials: malformed tree");
    std::vector<std::vector<int>> kids(m);
    for (int i = 1; i < m; ++i) {
      if (t.parent[i] < 0 || t.parent[i] >= i)
        throw std::invalid_argument("ElementaryDifferentials: tree not in preorder");
      kids[t.parent[i]].push_back(i);
    }
    std::vector<std::string> key(m);
    std::vector<const std::vector<Var<S>>*> F(m);
    for (int i = m - 1; i >= 0; --i) {  // preorder: children come after their parent
      const int c = t.colour[i], k = static_cast<int>(kids[i].size());
      if (c < 0 || c >= colours()) throw std::out_of_range("ElementaryDifferentials: colour " + std::to_string(c));
      if (k > max_children())
        throw std::out_of_range("ElementaryDifferentials: a node with " + std::to_string(k) +
                                " children, prepared up to " + std::to_string(max_children()));
      std::vector<std::string> ck;
      for (int j : kids[i]) ck.push_back(key[j]);
      std::sort(ck.begin(), ck.end());  // f^(k) is symmetric: the children's order does not matter
      key[i] = std::to_string(c) + "[";
      for (const std::string& s : ck) key[i] += s + ",";
      key[i] += "]";
      auto it = memo.find(key[i]);
      if (it == memo.end()) {
        std::vector<Var<S>> in(x);
        for (int j : kids[i]) in.insert(in.end(), F[j]->begin(), F[j]->end());
        const Program<S>& q = q_[c][k];
        const std::vector<Var<S>> nodes = replay(*q.tape, in);
        std::vector<Var<S>> y;
        for (const Var<S>& o : q.outputs) y.push_back(map_output(o, nodes));
        it = memo.emplace(key[i], std::move(y)).first;
      }
      F[i] = &it->second;  // std::map: stable addresses
    }
    return *F[0];
  }

  int n_ = 0;
  std::vector<std::vector<Program<S>>> q_;  // q_[c][k] = Q_k of colour c
};

// f_c = -grad L_{B_c}: one field per batch (Model::gradient_program with its outputs negated).
template <class S> std::vector<Program<S>> gradient_fields(const Model<S>& m, const std::vector<Batch>& batches) {
  std::vector<Program<S>> out;
  for (const Batch& b : batches) {
    Program<S> p = m.gradient_program(b);
    for (Var<S>& o : p.outputs) o = -o;
    out.push_back(std::move(p));
  }
  return out;
}

// The truncated series field x -> sum_j c_j F(t_j)(x) as a Program of x (c_j the whole coefficient of term j; terms
// with c_j = 0 are not recorded, shared subtrees are recorded once).
template <class S>
Program<S> series_field(const ElementaryDifferentials<S>& d, const std::vector<std::pair<S, ConcreteTree>>& terms) {
  Program<S> p;
  const std::vector<Var<S>> x = p.make_inputs(d.dim());
  std::vector<ConcreteTree> ts;
  std::vector<S> cs;
  for (const auto& [c, t] : terms)
    if (c != 0) {
      cs.push_back(c);
      ts.push_back(t);
    }
  const std::vector<std::vector<Var<S>>> F = d.record_all(x, ts);
  p.outputs.assign(d.dim(), Var<S>(S(0)));
  for (std::size_t j = 0; j < ts.size(); ++j)
    for (int i = 0; i < d.dim(); ++i) p.outputs[i] += cs[j] * F[j][i];
  return p;
}

}  // namespace irverify::bseries
