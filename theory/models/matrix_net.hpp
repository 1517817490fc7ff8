// Two-layer networks with weight matrices, multi-output squared loss (issue 15, RANK claims; Galanti et al. 2022):
//   linear2: f(x) = W2 W1 x,   relu2: f(x) = W2 relu(W1 x),   l_i = 1/2 |f(x_i) - y_i|^2,  y_i in R^q.
//   theta = (W1 row by row, h x p; then W2 row by row, q x h): W1_jl at j p + l, W2_kj at h p + k h + j.
// Per example, z = W1 x, D = diag(d) with d_j = 1 (linear2) or [z_j > 0] (relu2; the one-sided 0 at a kink, as
// two-layer-relu), a = D z, f = W2 a, r = f - y. Away from kinks f is bilinear in (W1, W2) (D fixed), so with
// directions u = (U1, U2), v = (V1, V2):
//   Df[v]     = V2 a + W2 D V1 x                               (J v, J = df/dtheta, q x dim)
//   D2f[u, v] = U2 D V1 x + V2 D U1 x,   D3f = 0
//   g         = J' r:  dW1 = D W2' r x',  dW2 = r a'
//   H v       = J' J v + G(v, r),   T[u, v] = J' D2f[u, v] + G(u, J v) + G(v, J u),
// where G(u, t) is the gradient in w of <t, D2f[u, w]>: dW1_jl = d_j (U2' t)_j x_l, dW2_kj = t_k d_j (U1 x)_j.
#pragma once

#include "theory/models/model.hpp"

#include <stdexcept>
#include <string>

namespace irverify {

enum class MatrixNetKind { Linear, Relu };

template <class S> class MatrixNet : public ModelBase<MatrixNet<S>, S> {
 public:
  MatrixNet(MatrixNetKind kind, int hidden, Mat<S> X, Mat<S> Y) : kind_(kind), h_(hidden), X_(std::move(X)), Y_(std::move(Y)) {
    if (hidden < 1) throw std::invalid_argument(kind_name() + ": hidden width must be >= 1");
    if (Y_.rows() != X_.rows() || Y_.cols() < 1) throw std::invalid_argument(kind_name() + ": need one output row per example");
  }
  std::string kind() const override { return kind_name(); }
  bool smooth() const override { return kind_ == MatrixNetKind::Linear; }
  int hidden() const { return h_; }
  int features() const { return static_cast<int>(X_.cols()); }
  int outputs() const { return static_cast<int>(Y_.cols()); }
  int dim() const override { return h_ * (features() + outputs()); }
  int num_examples() const override { return static_cast<int>(X_.rows()); }
  const Mat<S>& X() const { return X_; }
  const Mat<S>& Y() const { return Y_; }

  // The weight matrices of theta, and theta of weight matrices.
  Mat<S> W1(const Vec<S>& th) const { return Eigen::Map<const RowMat>(th.data(), h_, features()); }
  Mat<S> W2(const Vec<S>& th) const { return Eigen::Map<const RowMat>(th.data() + w2(0, 0), outputs(), h_); }
  Vec<S> theta(const Mat<S>& first, const Mat<S>& second) const {
    Vec<S> th(dim());
    Eigen::Map<RowMat>(th.data(), h_, features()) = first;
    Eigen::Map<RowMat>(th.data() + w2(0, 0), outputs(), h_) = second;
    return th;
  }

  // With one output (q = 1) the model is a scalar regression model: r_i and v_i = grad f(x_i) (STAB, LN claims).
  S residual(const Vec<S>& th, int i) const override { return scalar_example(th, i).r(0); }
  Vec<S> output_gradient(const Vec<S>& th, int i) const override {
    return jacobian(th, scalar_example(th, i), i).row(0).transpose();
  }

  S loss(const Vec<S>& th, const Batch& b) const override {
    S acc(0);
    for (int i : b) acc += example(th, i).r.squaredNorm() / 2;
    return acc / S(static_cast<int>(b.size()));
  }

  Mat<S> hessian(const Vec<S>& th, const Batch& b) const override {
    const int p = features(), q = outputs();
    Mat<S> H = Mat<S>::Zero(dim(), dim());
    for (int i : b) {
      const Example e = example(th, i);
      const Mat<S> J = jacobian(th, e, i);
      H.noalias() += J.transpose() * J;
      for (int j = 0; j < h_; ++j)  // r_k d_j x_l at (W1_jl, W2_kj) and its mirror
        for (int k = 0; k < q; ++k)
          for (int l = 0; l < p; ++l) {
            const S c = e.r(k) * e.d(j) * X_(i, l);
            H(w1(j, l), w2(k, j)) += c;
            H(w2(k, j), w1(j, l)) += c;
          }
    }
    return H / S(static_cast<int>(b.size()));
  }

  Vec<S> third(const Vec<S>& th, const Vec<S>& u, const Vec<S>& v, const Batch& b) const override {
    const Mat<S> U1 = W1(u), U2 = W2(u), V1 = W1(v), V2 = W2(v);
    Vec<S> t = Vec<S>::Zero(dim());
    for (int i : b) {
      const Example e = example(th, i);
      const Mat<S> J = jacobian(th, e, i);
      const Vec<S> x = X_.row(i).transpose();
      const Vec<S> dU1x = e.d.cwiseProduct(U1 * x), dV1x = e.d.cwiseProduct(V1 * x);
      t.noalias() += J.transpose() * Vec<S>(U2 * dV1x + V2 * dU1x);
      t += cross(U1, U2, Vec<S>(J * v), e, x) + cross(V1, V2, Vec<S>(J * u), e, x);
    }
    return t / S(static_cast<int>(b.size()));
  }

  // Each sum runs over its index in increasing order, as written in the comments; the loops are nested so that the
  // innermost one runs over independent sums (contiguous in theta), not along one dependent chain.
  template <class T> void gradient_kernel(const T* th, T* g, const Batch& b) const {
    const int p = features(), q = outputs(), h = h_;
    for (int k = 0; k < dim(); ++k) g[k] = T(S(0));
    std::vector<T> z(h), a(h), r(q), back(h);
    const T* th2 = th + w2(0, 0);  // W2(k, j) = th2[k h + j]
    T* g2 = g + w2(0, 0);
    for (int i : b) {
      for (int j = 0; j < h; ++j) z[j] = T(S(0));
      for (int l = 0; l < p; ++l)  // z_j = 0 + X_i0 W1_j0 + X_i1 W1_j1 + ...
        for (int j = 0; j < h; ++j) z[j] += X_(i, l) * th[w1(j, l)];
      for (int j = 0; j < h; ++j) a[j] = kind_ == MatrixNetKind::Linear ? z[j] : T(relu(z[j]));
      for (int k = 0; k < q; ++k) r[k] = T(-Y_(i, k));
      for (int j = 0; j < h; ++j)  // r_k = -Y_ik + W2_k0 a_0 + W2_k1 a_1 + ...
        for (int k = 0; k < q; ++k) r[k] += th2[k * h + j] * a[j];
      for (int k = 0; k < q; ++k)
        for (int j = 0; j < h; ++j) g2[k * h + j] += r[k] * a[j];
      for (int j = 0; j < h; ++j) back[j] = T(S(0));
      for (int k = 0; k < q; ++k)  // back_j = 0 + W2_0j r_0 + W2_1j r_1 + ...
        for (int j = 0; j < h; ++j) back[j] += th2[k * h + j] * r[k];
      for (int j = 0; j < h; ++j) {
        if (kind_ == MatrixNetKind::Relu) back[j] = back[j] * step(z[j]);
        for (int l = 0; l < p; ++l) g[w1(j, l)] += back[j] * X_(i, l);
      }
    }
    const S inv = S(1) / S(static_cast<int>(b.size()));
    for (int k = 0; k < dim(); ++k) g[k] = g[k] * inv;
  }

 private:
  using RowMat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  struct Example {
    Vec<S> d, a, r;  // the mask, the hidden activations D z, the residual f - y
  };
  std::string kind_name() const { return kind_ == MatrixNetKind::Linear ? "linear2" : "relu2"; }
  int w1(int j, int l) const { return j * features() + l; }
  int w2(int k, int j) const { return h_ * features() + k * h_ + j; }

  Example example(const Vec<S>& th, int i) const {
    const Vec<S> z = W1(th) * X_.row(i).transpose();
    Example e{Vec<S>(h_), Vec<S>(h_), Vec<S>()};
    for (int j = 0; j < h_; ++j) e.d(j) = kind_ == MatrixNetKind::Linear ? S(1) : step(z(j));
    e.a = e.d.cwiseProduct(z);
    e.r = W2(th) * e.a - Y_.row(i).transpose();
    return e;
  }
  Example scalar_example(const Vec<S>& th, int i) const {
    if (outputs() != 1)
      throw std::logic_error(kind_name() + ": " + std::to_string(outputs()) +
                             " outputs per example; this needs one (a scalar residual)");
    return example(th, i);
  }
  // J = df/dtheta (q x dim): df_k/dW1_jl = W2_kj d_j x_l, df_k/dW2_kj = a_j.
  Mat<S> jacobian(const Vec<S>& th, const Example& e, int i) const {
    const int p = features(), q = outputs();
    Mat<S> J = Mat<S>::Zero(q, dim());
    for (int k = 0; k < q; ++k)
      for (int j = 0; j < h_; ++j) {
        J(k, w2(k, j)) = e.a(j);
        const S c = th(w2(k, j)) * e.d(j);
        for (int l = 0; l < p; ++l) J(k, w1(j, l)) = c * X_(i, l);
      }
    return J;
  }
  // G(U, t): the gradient in w of <t, D2f[U, w]> (see the header).
  Vec<S> cross(const Mat<S>& U1, const Mat<S>& U2, const Vec<S>& t, const Example& e, const Vec<S>& x) const {
    Vec<S> gr(dim());
    const Vec<S> b1 = e.d.cwiseProduct(U2.transpose() * t), b2 = e.d.cwiseProduct(U1 * x);
    Eigen::Map<RowMat>(gr.data(), h_, features()) = b1 * x.transpose();
    Eigen::Map<RowMat>(gr.data() + w2(0, 0), outputs(), h_) = t * b2.transpose();
    return gr;
  }

  MatrixNetKind kind_;
  int h_;
  Mat<S> X_, Y_;
};

}  // namespace irverify
