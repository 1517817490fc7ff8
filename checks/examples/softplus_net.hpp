// A model the suite does not have, written once (issue 17): a two-layer network with a softplus activation,
//   f(x) = sum_j a_j softplus(w_j . x),  softplus(z) = log(1 + exp(z)),  r_i = f(x_i) - y_i,  l_i = r_i^2 / 2,
//   theta = (a_1..a_h, w_11..w_1p, ..., w_h1..w_hp)  (the order of two-layer-tanh).
// Only the residual is written; TapeModel (theory/models/tape_model.hpp) derives the gradient, the Hessian and
// T[u, v] on the tape in every precision. Registered as "softplus2" (a problem file's "model").
#pragma once

#include "theory/models/tape_model.hpp"
#include "theory/problem/user_models.hpp"

namespace softplus_example {

template <class S> struct SoftplusNet {
  static std::unique_ptr<irverify::Model<S>> make(const irverify::ProblemSpec& spec, irverify::Mat<S> X, irverify::Mat<S> Y) {
    using irverify::Var;
    const int h = spec.hidden, p = static_cast<int>(X.cols()), n = static_cast<int>(X.rows());
    auto residual = [X = std::move(X), y = irverify::Vec<S>(Y.col(0)), h, p](const std::vector<Var<S>>& th, int i) {
      Var<S> f(S(0));
      for (int j = 0; j < h; ++j) {
        Var<S> z(S(0));
        for (int k = 0; k < p; ++k) z += X(i, k) * th[h + j * p + k];
        f += th[j] * log(S(1) + exp(z));
      }
      return f - y(i);
    };
    return std::make_unique<irverify::TapeModel<S>>("softplus2", irverify::TapeModel<S>::Kind::Residual, h * (p + 1), n,
                                                    std::move(residual));
  }
};

inline void register_softplus2() {
  if (!irverify::find_user_model("softplus2"))
    irverify::register_user_model(irverify::user_model<SoftplusNet>(
        "softplus2", [](const irverify::ProblemSpec& s) { return s.hidden * (s.features() + 1); }));
}

}  // namespace softplus_example
