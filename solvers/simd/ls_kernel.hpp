// Shuffled SGD on least squares (SGD-2's Monte Carlo workload; CLAIMS.md SGD) through the SIMD kernel
// (solvers/simd/sgd_kernel.hpp):
//   l_i = 1/2 (x_i . theta - y_i)^2;  a step on batch b of size B: theta -= (eps/B) sum_{i in b} r_i x_i,
//   r_i = x_i . theta - y_i.
// State: theta zero-padded to dp = 8 ceil(d/8). Summation order (solvers/simd/ls_body.inc):
//   x_i . theta   lane l = 0..7 sums x[8k+l] theta[8k+l] over k = 0, 1, ... in order; the lanes are added as
//                 ((l0+l4) + (l2+l6)) + ((l1+l5) + (l3+l7));
//   g_j           sum of r_i x_ij over the batch in its stored order (starting from the first term);
//   theta_j       theta_j - c g_j with c = eps/B rounded once.
#pragma once

#include "solvers/simd/sgd_kernel.hpp"

namespace irverify {

class LsSgdKernel : public SgdKernel {
 public:
  // X: N x d row-major, y: N.
  LsSgdKernel(const std::vector<double>& X, const std::vector<double>& y, int d,
              const std::vector<std::vector<int>>& batches, double eps);

  double multiply_adds() const override { return 2.0 * dim() + double(dim()) / batch_size(); }
  void pack(const double* theta, double* state) const override;
  void unpack(const double* state, double* theta) const override;

 private:
  int scratch_doubles() const override { return batch_size(); }
  void run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const override;

  AlignedVector<double> X_;
  std::vector<double> y_;
};

}  // namespace irverify
