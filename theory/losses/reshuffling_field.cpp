// The tape of F0 + eps F1 + eps^2 F2 (theory/losses/reshuffling_field.hpp): each batch's gradient tape replayed
// once; G_j v by forward mode (jvp), T_j[u,u] by second-order forward mode (jvp2) along the same u.
#include "theory/losses/reshuffling_field.hpp"

namespace irverify {

namespace {

template <class S> using Vars = std::vector<Var<S>>;

template <class S> Vars<S> axpy(const S& a, const Vars<S>& x, Vars<S> y) {  // y + a x
  for (std::size_t i = 0; i < y.size(); ++i) y[i] += a * x[i];
  return y;
}

// One batch's gradient tape replayed on the field's inputs.
template <class S> struct BatchTape {
  Program<S> grad;
  Vars<S> nodes, g;

  BatchTape(const Model<S>& m, const Batch& b, const Vars<S>& x) : grad(m.gradient_program(b)), nodes(replay(*grad.tape, x)) {
    g = outputs(nodes, false);
  }
  Vars<S> outputs(const Vars<S>& node_vars, bool derivative) const {
    Vars<S> y(grad.outputs.size());
    for (std::size_t i = 0; i < y.size(); ++i)
      y[i] = derivative ? map_output_derivative(grad.outputs[i], node_vars) : map_output(grad.outputs[i], node_vars);
    return y;
  }
  Vars<S> G(const Vars<S>& v) const { return outputs(jvp(*grad.tape, nodes, v), true); }
  // (G u, T[u,u]) from one forward pass along u and one second-order pass.
  std::pair<Vars<S>, Vars<S>> G_and_T(const Vars<S>& u) const {
    const Vars<S> d = jvp(*grad.tape, nodes, u);
    return {outputs(d, true), outputs(jvp2(*grad.tape, nodes, d), true)};
  }
};

}  // namespace

template <class S> Program<S> reshuffling_field(const Model<S>& m, const Partition& p, const S& eps, ReshufflingF2 f2) {
  const int n = m.dim(), nb = static_cast<int>(p.size());
  const S M(nb);
  Program<S> out;
  const Vars<S> x = out.make_inputs(n);
  const Vars<S> zero(n, Var<S>(S(0)));
  std::vector<BatchTape<S>> bt;
  bt.reserve(nb);
  for (const auto& b : p) bt.emplace_back(m, b, x);
  Vars<S> a = zero;
  for (const auto& b : bt) a = axpy(S(1), b.g, a);
  // Gg[j][k] = G_j g_k (all pairs for F2, else the diagonal); Tsum = sum_{j,k} T_j[g_k,g_k]; Tjj = sum_j T_j[g_j,g_j].
  const bool pairs = f2 == ReshufflingF2::derived || f2 == ReshufflingF2::without_T;
  std::vector<std::vector<Vars<S>>> Gg(nb, std::vector<Vars<S>>(nb));
  Vars<S> S_ = zero, Tsum = zero, Tjj = zero;
  for (int j = 0; j < nb; ++j)
    for (int k = 0; k < nb; ++k) {
      if (f2 == ReshufflingF2::derived) {
        auto [Gv, Tv] = bt[j].G_and_T(bt[k].g);
        Gg[j][k] = std::move(Gv);
        Tsum = axpy(S(1), Tv, Tsum);
        if (j == k) Tjj = axpy(S(1), Tv, Tjj);
      } else if (pairs || j == k) {
        Gg[j][k] = bt[j].G(bt[k].g);
      }
      if (j == k) S_ = axpy(S(1), Gg[j][j], S_);
    }
  Vars<S> F2 = zero;  // m F2 (or m^3 f3 for the gd_f3 control)
  if (pairs) {
    for (int j = 0; j < nb; ++j) {
      Vars<S> Gja = zero, Agj = zero;
      for (int k = 0; k < nb; ++k) {
        Gja = axpy(S(1), Gg[j][k], Gja);
        Agj = axpy(S(1), Gg[k][j], Agj);
      }
      Vars<S> v = axpy(-S(1) / 12, S_, axpy(-S(1) / 12, Gja, zero));
      v = axpy(S(1) / 6, Agj, axpy(-S(1) / 3, Gg[j][j], v));
      F2 = axpy(S(1), bt[j].G(v), F2);
    }
    if (f2 == ReshufflingF2::derived) {
      // sum_j T_j[g_j,a] = (1/2) sum_j (T_j[g_j+a, g_j+a] - T_j[g_j,g_j] - T_j[a,a]).
      Vars<S> Tja = axpy(-S(1) / 2, Tjj, zero);
      for (int j = 0; j < nb; ++j) {
        Tja = axpy(S(1) / 2, bt[j].G_and_T(axpy(S(1), bt[j].g, a)).second, Tja);
        Tja = axpy(-S(1) / 2, bt[j].G_and_T(a).second, Tja);
      }
      F2 = axpy(-S(1) / 12, axpy(-S(1), Tja, axpy(S(1), Tjj, Tsum)), F2);
    }
  } else if (f2 == ReshufflingF2::gd_f3) {  // -(1/3) A A a - (1/12) T_A[a,a], over m^3
    std::vector<std::pair<Vars<S>, Vars<S>>> GT;  // (G_j a, T_j[a,a])
    Vars<S> Aa = zero;
    for (int j = 0; j < nb; ++j) {
      GT.push_back(bt[j].G_and_T(a));
      Aa = axpy(S(1), GT.back().first, Aa);
    }
    for (int j = 0; j < nb; ++j) {
      F2 = axpy(-S(1) / 3, bt[j].G(Aa), F2);
      F2 = axpy(-S(1) / 12, GT[j].second, F2);
    }
  }
  const S c0 = -S(1) / M, c1 = -eps / (2 * M);
  const S c2 = eps * eps / (f2 == ReshufflingF2::gd_f3 ? S(M * M * M) : M);
  out.outputs.resize(n);
  for (int i = 0; i < n; ++i) out.outputs[i] = c0 * a[i] + c1 * S_[i] + c2 * F2[i];
  return out;
}

#define IRVERIFY_INST(S) IRVERIFY_RESHUFFLING_FIELD_INSTANCES(, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
