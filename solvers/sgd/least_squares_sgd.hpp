// A fast shuffled-SGD epoch for least squares in double (the Monte Carlo benchmark of SGD-2):
// l_i = 1/2 (x_i . theta - y_i)^2, batch step theta -= (eps/B) sum_{i in batch} (x_i . theta - y_i) x_i.
// X is stored row-major so each example is one contiguous, vectorizable row; no allocation per step.
// Same iterates as LeastSquares<double> through Model::gradient, up to the order of floating-point sums.
#pragma once

#include "theory/compat/eigen_multiprecision.hpp"

#include <vector>

namespace irverify {

class LeastSquaresSgd {
 public:
  using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  LeastSquaresSgd(RowMat X, Eigen::VectorXd y, std::vector<std::vector<int>> partition, double eps)
      : X_(std::move(X)), y_(std::move(y)), part_(std::move(partition)), eps_(eps) {}

  // Thread-safe: the only scratch (the batch gradient) is allocated once per epoch.
  void epoch(const std::vector<int>& order, Eigen::VectorXd& theta) const {
    Eigen::VectorXd g(X_.cols());
    for (int k : order) {
      const auto& b = part_[k];
      g.setZero();
      for (int i : b) g.noalias() += (X_.row(i).dot(theta) - y_(i)) * X_.row(i).transpose();
      theta.noalias() -= (eps_ / static_cast<double>(b.size())) * g;
    }
  }
  int batches() const { return static_cast<int>(part_.size()); }

 private:
  RowMat X_;
  Eigen::VectorXd y_;
  std::vector<std::vector<int>> part_;
  double eps_;
};

}  // namespace irverify
