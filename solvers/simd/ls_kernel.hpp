// Shuffled SGD on least squares in double, vectorized (SGD-2's Monte Carlo workload; CLAIMS.md SGD):
//   l_i = 1/2 (x_i . theta - y_i)^2;  a step on batch b of size B: theta -= (eps/B) sum_{i in b} r_i x_i,
//   r_i = x_i . theta - y_i.
// Reproducible arithmetic, the same bits on every ISA (solvers/simd/isa.hpp) and thread count:
//   x_i . theta   x_i and theta are zero-padded to dp = 8 ceil(d/8); lane l = 0..7 sums x[8k+l] theta[8k+l] over
//                 k = 0, 1, ... in order; the lanes are added as ((l0+l4) + (l2+l6)) + ((l1+l5) + (l3+l7));
//   g_j           sum of r_i x_ij over the batch in its stored order (starting from the first term);
//   theta_j       theta_j - c g_j with c = eps/B rounded once.
// No fused multiply-add anywhere. The same iterates as LeastSquares<double> through Model::gradient up to the
// order of the floating-point sums (a test bounds the difference).
#pragma once

#include "solvers/simd/aligned.hpp"
#include "solvers/simd/isa.hpp"
#include "solvers/simd/ls_view.hpp"

#include <vector>

namespace irverify {

class LsSgdKernel {
 public:
  // X: N x d row-major; batches: m >= 1 batches of equal size B >= 1, indices in 0..N-1; eps > 0.
  LsSgdKernel(const std::vector<double>& X, const std::vector<double>& y, int d,
              const std::vector<std::vector<int>>& batches, double eps);

  int dim() const { return d_; }
  int padded_dim() const { return dp_; }
  int batches() const { return m_; }
  int batch_size() const { return B_; }

  // One epoch for each of `count` samples, interleaved so that independent samples fill the pipelines: sample s
  // runs from theta[s dp .. s dp + dp) (padded: entries d..dp-1 are 0 and stay 0) through the batches
  // orders[s m + t], t = 0..m-1. isa must be supported (isa_supported).
  void epochs(const int* orders, double* theta, int count, Isa isa) const;

 private:
  int d_, dp_, m_, B_;
  AlignedVector<double> X_;
  std::vector<double> y_;
  std::vector<int> index_;
  double c_;
};

}  // namespace irverify
