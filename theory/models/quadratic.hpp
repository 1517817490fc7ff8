// quadratic: l_i = 1/2 theta'A_i theta - b_i'theta + c_i, A_i symmetric (CLAIMS.md, Models).
// L_B = 1/2 theta'Abar theta - bbar'theta + cbar;  g = Abar theta - bbar;  H = Abar;  T = 0.
#pragma once

#include "theory/models/model.hpp"

#include <stdexcept>

namespace irverify {

template <class S> struct QuadraticTerm {
  Mat<S> A;
  Vec<S> b;
  S c;
};

template <class S> class Quadratic : public ModelBase<Quadratic<S>, S> {
 public:
  explicit Quadratic(std::vector<QuadraticTerm<S>> terms) : terms_(std::move(terms)) {
    if (terms_.empty()) throw std::invalid_argument("quadratic: no terms");
  }
  std::string kind() const override { return "quadratic"; }
  int dim() const override { return static_cast<int>(terms_.front().b.size()); }
  int num_examples() const override { return static_cast<int>(terms_.size()); }

  S loss(const Vec<S>& th, const Batch& b) const override {
    const QuadraticTerm<S> m = mean(b);
    return S(th.dot(m.A * th)) / 2 - m.b.dot(th) + m.c;
  }
  Mat<S> hessian(const Vec<S>&, const Batch& b) const override { return mean(b).A; }
  Vec<S> third(const Vec<S>&, const Vec<S>&, const Vec<S>&, const Batch&) const override {
    return Vec<S>::Zero(dim());
  }
  template <class T> void gradient_kernel(const T* th, T* g, const Batch& b) const {
    const QuadraticTerm<S> m = mean(b);
    for (int j = 0; j < dim(); ++j) {
      T acc = T(-m.b(j));
      for (int k = 0; k < dim(); ++k) acc += m.A(j, k) * th[k];
      g[j] = acc;
    }
  }

 private:
  QuadraticTerm<S> mean(const Batch& b) const {
    if (b.empty()) throw std::invalid_argument("empty batch");
    QuadraticTerm<S> m{Mat<S>::Zero(dim(), dim()), Vec<S>::Zero(dim()), S(0)};
    for (int i : b) {
      m.A += terms_[i].A;
      m.b += terms_[i].b;
      m.c += terms_[i].c;
    }
    const S n = S(static_cast<int>(b.size()));
    m.A /= n;
    m.b /= n;
    m.c /= n;
    return m;
  }
  std::vector<QuadraticTerm<S>> terms_;
};

}  // namespace irverify
