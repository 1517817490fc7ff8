// least-squares: l_i = 1/2 (x_i . theta - y_i)^2  (CLAIMS.md, Models).
// L_B = 1/2 theta'G theta - c'theta + syy/2;  g = G theta - c;  H = G;  T = 0.
#pragma once

#include "theory/models/moments.hpp"

namespace irverify {

template <class S> class LeastSquares : public ModelBase<LeastSquares<S>, S> {
 public:
  using RowMat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  LeastSquares(Mat<S> X, Vec<S> y) : X_(std::move(X)), rows_(X_), y_(std::move(y)) {}
  std::string kind() const override { return "least-squares"; }
  int dim() const override { return static_cast<int>(X_.cols()); }
  int num_examples() const override { return static_cast<int>(X_.rows()); }

  S loss(const Vec<S>& th, const Batch& b) const override {
    const Moments<S> m = batch_moments(X_, y_, b);
    return S(th.dot(m.G * th)) / 2 - m.c.dot(th) + m.syy / 2;
  }
  Mat<S> hessian(const Vec<S>&, const Batch& b) const override { return batch_moments(X_, y_, b).G; }
  Vec<S> third(const Vec<S>&, const Vec<S>&, const Vec<S>&, const Batch&) const override {
    return Vec<S>::Zero(dim());
  }
  S residual(const Vec<S>& th, int i) const override { return S(X_.row(i).dot(th)) - y_(i); }
  Vec<S> output_gradient(const Vec<S>&, int i) const override { return X_.row(i).transpose(); }
  const Mat<S>& X() const { return X_; }
  const RowMat& rows() const { return rows_; }  // X row-major: contiguous x_i for per-example steps (label noise)
  const Vec<S>& y() const { return y_; }

  template <class T> void gradient_kernel(const T* th, T* g, const Batch& b) const {
    const Moments<S> m = batch_moments(X_, y_, b);
    for (int j = 0; j < dim(); ++j) {
      T acc = T(-m.c(j));
      for (int k = 0; k < dim(); ++k) acc += m.G(j, k) * th[k];
      g[j] = acc;
    }
  }

 private:
  Mat<S> X_;
  RowMat rows_;
  Vec<S> y_;
};

}  // namespace irverify
