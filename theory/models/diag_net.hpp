// Diagonal linear networks, squared loss (CLAIMS.md, Models).
//   theta = (u_1..u_p, v_1..v_p), z_j = (u_j, v_j), beta_j = 1/2 z_j' M z_j, f(x) = <beta, x>.
//   diag-uv:    M = [[0,1],[1,0]]   -> beta = u (.) v
//   diag-uu-vv: M = [[2,0],[0,-2]]  -> beta = u (.) u - v (.) v
//   two-param:  diag-uv with one feature, l = 1/2 (y - theta1 theta2 x)^2 (Barrett & Dherin's toy).
// With Q(beta) = 1/2 beta'G beta - c'beta + syy/2 (theory/models/moments.hpp) and q = G beta - c:
//   g_(j,s)      = q_j (M z_j)_s
//   H_(j,s),(k,t) = G_jk (M z_j)_s (M z_k)_t + delta_jk q_j M_st
//   T[a,b]_(j,s) = (M a_j)_s (G beta'[b])_j + (M b_j)_s (G beta'[a])_j + (M z_j)_s (G B(a,b))_j,
// where beta'[a]_j = z_j' M a_j and B(a,b)_j = a_j' M b_j (the constant second derivative of beta).
#pragma once

#include "theory/models/moments.hpp"

namespace irverify {

enum class DiagKind { UV, UUVV, TwoParam };

template <class S> class DiagNet : public ModelBase<DiagNet<S>, S> {
 public:
  DiagNet(DiagKind kind, Mat<S> X, Vec<S> y) : kind_(kind), X_(std::move(X)), y_(std::move(y)) {
    if (kind == DiagKind::UUVV) {
      m00_ = S(2);
      m01_ = S(0);
      m11_ = S(-2);
    } else {
      m00_ = S(0);
      m01_ = S(1);
      m11_ = S(0);
    }
    if (kind == DiagKind::TwoParam && X_.cols() != 1) throw std::invalid_argument("two-param: needs exactly one feature");
  }
  std::string kind() const override {
    return kind_ == DiagKind::UV ? "diag-uv" : kind_ == DiagKind::UUVV ? "diag-uu-vv" : "two-param";
  }
  int features() const { return static_cast<int>(X_.cols()); }
  int dim() const override { return 2 * features(); }
  int num_examples() const override { return static_cast<int>(X_.rows()); }

  // beta(theta).
  Vec<S> beta(const Vec<S>& th) const {
    Vec<S> b(features());
    for (int j = 0; j < features(); ++j) b(j) = half_form(th(j), th(j + features()), th(j), th(j + features()));
    return b;
  }

  S residual(const Vec<S>& th, int i) const override { return S(X_.row(i).dot(beta(th))) - y_(i); }
  // v_i = J(theta)' x_i, J = d beta / d theta.
  Vec<S> output_gradient(const Vec<S>& th, int i) const override { return jacobian(th).transpose() * X_.row(i).transpose(); }
  // r_i = sum_j x_ij beta_j - y_i in the order of residual(), beta_j formed per example (no buffer).
  void residuals(const Vec<S>& th, const std::vector<std::uint32_t>& idx, Vec<S>& r) const override {
    const int p = features();
    for (std::size_t j = 0; j < idx.size(); ++j) {
      const int i = static_cast<int>(idx[j]);
      S f = X_(i, 0) * half_form(th(0), th(p), th(0), th(p));
      for (int k = 1; k < p; ++k) f += X_(i, k) * half_form(th(k), th(k + p), th(k), th(k + p));
      r(static_cast<Eigen::Index>(j)) = f - y_(i);
    }
  }
  // v_i = (x_ik (M z_k)_0, x_ik (M z_k)_1)_k, so sum_j c_j v_{i_j} = (w_k (M z_k)_0, w_k (M z_k)_1) with
  // w_k = sum_j c_j x_{i_j k}: O(B p), no Jacobian formed.
  void add_output_gradients(const Vec<S>& th, const std::vector<std::uint32_t>& idx, const Vec<S>& c,
                            Vec<S>& out) const override {
    const int p = features();
    for (int k = 0; k < p; ++k) {
      S w = S(0);
      for (std::size_t j = 0; j < idx.size(); ++j) w += c(static_cast<Eigen::Index>(j)) * X_(static_cast<int>(idx[j]), k);
      out(k) += w * (m00_ * th(k) + m01_ * th(k + p));
      out(k + p) += w * (m01_ * th(k) + m11_ * th(k + p));
    }
  }
  const Mat<S>& X() const { return X_; }
  const Vec<S>& y() const { return y_; }
  DiagKind diag_kind() const { return kind_; }

  S loss(const Vec<S>& th, const Batch& b) const override {
    const Moments<S> m = batch_moments(X_, y_, b);
    const Vec<S> be = beta(th);
    return S(be.dot(m.G * be)) / 2 - m.c.dot(be) + m.syy / 2;
  }

  Mat<S> hessian(const Vec<S>& th, const Batch& b) const override {
    const int p = features();
    const Moments<S> m = batch_moments(X_, y_, b);
    const Vec<S> q = m.G * beta(th) - m.c;
    const Mat<S> J = jacobian(th);  // p x 2p, rows beta'_j
    Mat<S> H = J.transpose() * m.G * J;
    for (int j = 0; j < p; ++j) {
      H(j, j) += q(j) * m00_;
      H(j, j + p) += q(j) * m01_;
      H(j + p, j) += q(j) * m01_;
      H(j + p, j + p) += q(j) * m11_;
    }
    return H;
  }

  Vec<S> third(const Vec<S>& th, const Vec<S>& a, const Vec<S>& bb, const Batch& b) const override {
    const int p = features();
    const Moments<S> m = batch_moments(X_, y_, b);
    const Mat<S> J = jacobian(th);
    const Vec<S> wa = m.G * (J * a);
    const Vec<S> wb = m.G * (J * bb);
    Vec<S> Bab(p);
    for (int j = 0; j < p; ++j) Bab(j) = 2 * half_form(a(j), a(j + p), bb(j), bb(j + p));
    const Vec<S> zeta = m.G * Bab;
    Vec<S> t(dim());
    for (int j = 0; j < p; ++j) {
      t(j) = (m00_ * a(j) + m01_ * a(j + p)) * wb(j) + (m00_ * bb(j) + m01_ * bb(j + p)) * wa(j) + J(j, j) * zeta(j);
      t(j + p) = (m01_ * a(j) + m11_ * a(j + p)) * wb(j) + (m01_ * bb(j) + m11_ * bb(j + p)) * wa(j) +
                 J(j, j + p) * zeta(j);
    }
    return t;
  }

  template <class T> void gradient_kernel(const T* th, T* g, const Batch& b) const {
    const int p = features();
    const Moments<S> m = batch_moments(X_, y_, b);
    std::vector<T> be(p), mz0(p), mz1(p);
    for (int j = 0; j < p; ++j) {
      const T& u = th[j];
      const T& v = th[j + p];
      mz0[j] = lin(m00_, u, m01_, v);
      mz1[j] = lin(m01_, u, m11_, v);
      // beta_j = 1/2 (u (Mz)_0 + v (Mz)_1)
      be[j] = (u * mz0[j] + v * mz1[j]) * (S(1) / 2);
    }
    for (int j = 0; j < p; ++j) {
      T q = T(-m.c(j));
      for (int k = 0; k < p; ++k) q += m.G(j, k) * be[k];
      g[j] = q * mz0[j];
      g[j + p] = q * mz1[j];
    }
  }

 private:
  // 1/2 (a0, a1) M (b0, b1)'.
  S half_form(const S& a0, const S& a1, const S& b0, const S& b1) const {
    return (m00_ * a0 * b0 + m01_ * (a0 * b1 + a1 * b0) + m11_ * a1 * b1) / 2;
  }
  // alpha x + gamma y, skipping zero coefficients so no dead node is recorded.
  template <class T> static T lin(const S& alpha, const T& x, const S& gamma, const T& y) {
    T r = T(S(0));
    if (alpha != 0) r = alpha * x;
    if (gamma != 0) r = r + gamma * y;
    return r;
  }
  Mat<S> jacobian(const Vec<S>& th) const {
    const int p = features();
    Mat<S> J = Mat<S>::Zero(p, dim());
    for (int j = 0; j < p; ++j) {
      J(j, j) = m00_ * th(j) + m01_ * th(j + p);
      J(j, j + p) = m01_ * th(j) + m11_ * th(j + p);
    }
    return J;
  }

  DiagKind kind_;
  Mat<S> X_;
  Vec<S> y_;
  S m00_, m01_, m11_;
};

}  // namespace irverify
