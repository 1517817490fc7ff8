// two-layer: f(x) = sum_j a_j sigma(w_j . x), squared loss l_i = 1/2 (f(x_i) - y_i)^2 (CLAIMS.md, Models).
//   theta = (a_1..a_m, w_11..w_1p, ..., w_m1..w_mp); sigma = tanh (smooth) or ReLU (piecewise linear).
// Per example, with r = f - y, Df[d] = grad f . d and D2f, D3f the higher directional derivatives of f:
//   g = r grad f
//   H = grad f grad f' + r Hf,   Hf[a_j, w_jk] = sigma'_j x_k,  Hf[w_jk, w_jl] = a_j sigma''_j x_k x_l
//   T[d,e] = Df[d] Hf e + Df[e] Hf d + D2f[d,e] grad f + r grad_c D3f[d,e,c],
//   D3f[d,e,c] = sum_j sigma''_j (alpha_j E_j.x C_j.x + eps_j O_j.x C_j.x + gamma_j O_j.x E_j.x)
//                + a_j sigma'''_j O_j.x E_j.x C_j.x,   d = (alpha, O), e = (eps, E), c = (gamma, C).
// ReLU: sigma'' = sigma''' = 0 away from the kinks; at a kink (w_j . x = 0) the one-sided value sigma' = 0 is used.
#pragma once

#include "theory/models/model.hpp"

#include <stdexcept>

namespace irverify {

enum class Activation { Tanh, Relu };

template <class S> class TwoLayer : public ModelBase<TwoLayer<S>, S> {
 public:
  TwoLayer(Activation act, int hidden, Mat<S> X, Vec<S> y)
      : act_(act), m_(hidden), X_(std::move(X)), y_(std::move(y)) {
    if (hidden < 1) throw std::invalid_argument("two-layer: hidden width must be >= 1");
  }
  std::string kind() const override { return act_ == Activation::Tanh ? "two-layer-tanh" : "two-layer-relu"; }
  bool smooth() const override { return act_ == Activation::Tanh; }
  int hidden() const { return m_; }
  int features() const { return static_cast<int>(X_.cols()); }
  int dim() const override { return m_ * (features() + 1); }
  int num_examples() const override { return static_cast<int>(X_.rows()); }

  S residual(const Vec<S>& th, int i) const override { return example(th, i).r; }
  Vec<S> output_gradient(const Vec<S>& th, int i) const override { return example(th, i).grad_f; }
  // Without a per-example allocation (label-noise and SME Monte Carlo): f(x_i) - y_i, and out += sum_j c_j v_{i_j} with
  // v_i = (sigma(s_ij), a_j sigma'(s_ij) x_i)_j, s_ij = w_j . x_i, in the operation order of residual() and output_gradient().
  void residuals(const Vec<S>& th, const std::vector<std::uint32_t>& idx, Vec<S>& r) const override {
    const int p = features();
    for (std::size_t j = 0; j < idx.size(); ++j) {
      const int i = static_cast<int>(idx[j]);
      S f = -y_(i);
      for (int h = 0; h < m_; ++h) f += th(h) * activation(S(X_.row(i).dot(th.segment(w(h, 0), p))));
      r(static_cast<Eigen::Index>(j)) = f;
    }
  }
  void add_output_gradients(const Vec<S>& th, const std::vector<std::uint32_t>& idx, const Vec<S>& c, Vec<S>& out) const override {
    const int p = features();
    for (std::size_t j = 0; j < idx.size(); ++j) {
      const int i = static_cast<int>(idx[j]);
      const S cj = c(static_cast<Eigen::Index>(j));
      for (int h = 0; h < m_; ++h) {
        const S s = X_.row(i).dot(th.segment(w(h, 0), p)), sig = activation(s);
        out(h) += cj * sig;
        const S as = th(h) * activation_derivative(s, sig);
        for (int k = 0; k < p; ++k) out(w(h, k)) += cj * (as * X_(i, k));
      }
    }
  }
  const Mat<S>& X() const { return X_; }
  const Vec<S>& y() const { return y_; }

  S loss(const Vec<S>& th, const Batch& b) const override {
    S acc(0);
    for (int i : b) {
      const Example e = example(th, i);
      acc += e.r * e.r / 2;
    }
    return acc / S(static_cast<int>(b.size()));
  }

  Mat<S> hessian(const Vec<S>& th, const Batch& b) const override {
    Mat<S> H = Mat<S>::Zero(dim(), dim());
    for (int i : b) {
      const Example e = example(th, i);
      H.noalias() += e.grad_f * e.grad_f.transpose();
      H += e.r * hess_f(e, i);
    }
    return H / S(static_cast<int>(b.size()));
  }

  Vec<S> third(const Vec<S>& th, const Vec<S>& d, const Vec<S>& e2, const Batch& b) const override {
    const int p = features();
    Vec<S> t = Vec<S>::Zero(dim());
    for (int i : b) {
      const Example e = example(th, i);
      const Mat<S> Hf = hess_f(e, i);
      const S df_d = e.grad_f.dot(d), df_e = e.grad_f.dot(e2);
      const S d2f = d.dot(Hf * e2);
      t += df_d * (Hf * e2) + df_e * (Hf * d) + d2f * e.grad_f;
      for (int j = 0; j < m_; ++j) {
        const S od = X_.row(i).dot(d.segment(w(j, 0), p));   // O_j . x
        const S oe = X_.row(i).dot(e2.segment(w(j, 0), p));  // E_j . x
        t(j) += e.r * e.s2(j) * od * oe;
        const S cw = e.s2(j) * (d(j) * oe + e2(j) * od) + th(j) * e.s3(j) * od * oe;
        t.segment(w(j, 0), p) += (e.r * cw) * X_.row(i).transpose();
      }
    }
    return t / S(static_cast<int>(b.size()));
  }

  template <class T> void gradient_kernel(const T* th, T* g, const Batch& b) const {
    const int p = features();
    for (int k = 0; k < dim(); ++k) g[k] = T(S(0));
    std::vector<T> sig(m_), dsig(m_);
    for (int i : b) {
      T f = T(-y_(i));  // accumulates r = f(x_i) - y_i
      for (int j = 0; j < m_; ++j) {
        T s = T(S(0));
        for (int k = 0; k < p; ++k) s += X_(i, k) * th[w(j, k)];
        sig[j] = activation(s);
        dsig[j] = activation_derivative(s, sig[j]);
        f += th[j] * sig[j];
      }
      for (int j = 0; j < m_; ++j) {
        g[j] += f * sig[j];
        const T rad = f * th[j] * dsig[j];
        for (int k = 0; k < p; ++k) g[w(j, k)] += X_(i, k) * rad;
      }
    }
    const S inv = S(1) / S(static_cast<int>(b.size()));
    for (int k = 0; k < dim(); ++k) g[k] = g[k] * inv;
  }

 private:
  struct Example {
    S r;
    Vec<S> grad_f;
    Vec<S> a;           // output weights a_j
    Vec<S> s1, s2, s3;  // sigma', sigma'', sigma''' per hidden unit
  };
  int w(int j, int k) const { return m_ + j * features() + k; }

  template <class T> T activation(const T& s) const {
    using std::tanh;
    return act_ == Activation::Tanh ? T(tanh(s)) : T(relu(s));
  }
  template <class T> T activation_derivative(const T& s, const T& sig) const {
    return act_ == Activation::Tanh ? T(S(1) - sig * sig) : T(step(s));
  }

  Example example(const Vec<S>& th, int i) const {
    const int p = features();
    Example e{-y_(i), Vec<S>::Zero(dim()), th.head(m_), Vec<S>(m_), Vec<S>(m_), Vec<S>(m_)};
    for (int j = 0; j < m_; ++j) {
      const S s = X_.row(i).dot(th.segment(w(j, 0), p));
      const S sig = activation(s);
      if (act_ == Activation::Tanh) {
        e.s1(j) = 1 - sig * sig;
        e.s2(j) = -2 * sig * e.s1(j);
        e.s3(j) = -2 * e.s1(j) * (1 - 3 * sig * sig);
      } else {
        e.s1(j) = step(s);
        e.s2(j) = 0;
        e.s3(j) = 0;
      }
      e.r += th(j) * sig;
      e.grad_f(j) = sig;
      e.grad_f.segment(w(j, 0), p) = (th(j) * e.s1(j)) * X_.row(i).transpose();
    }
    return e;
  }
  Mat<S> hess_f(const Example& e, int i) const {
    const int p = features();
    Mat<S> Hf = Mat<S>::Zero(dim(), dim());
    for (int j = 0; j < m_; ++j) {
      const Vec<S> x = X_.row(i).transpose();
      Hf.block(j, w(j, 0), 1, p) = e.s1(j) * x.transpose();
      Hf.block(w(j, 0), j, p, 1) = e.s1(j) * x;
      Hf.block(w(j, 0), w(j, 0), p, p) = (e.a(j) * e.s2(j)) * x * x.transpose();
    }
    return Hf;
  }

  Activation act_;
  int m_;
  Mat<S> X_;
  Vec<S> y_;
};

}  // namespace irverify
