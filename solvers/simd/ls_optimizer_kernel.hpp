// Minibatch heavy ball and Adam on least squares (CLAIMS.md MOM, ADAM; the minibatch Monte Carlo of issue 31) through
// the SIMD kernels (solvers/simd/sgd_kernel.hpp, one epoch of shuffled batches per call, mc_kernel_mean's workload):
//   l_i = 1/2 (x_i . theta - y_i)^2, g = (1/B) sum_{i in b} r_i x_i (summed as ls_kernel.hpp documents), then the
//   update of solvers/iterate/momentum.hpp (heavy ball from rest, d_0 = 0) or solvers/iterate/adam.hpp (m_0 = nu_0
//   = 0, bias correction and the place of eps as set), in their operation order (solvers/simd/ls_optimizer_body.inc).
// State: theta, then d (heavy ball) or m, nu and the powers (beta^n, rho^n) (Adam), each padded to dp = 8 ceil(d/8):
// the step count lives in the state, so epoch after epoch continues one run. Every ISA gives the same bits.
#pragma once

#include "solvers/simd/sgd_kernel.hpp"

namespace irverify {

class LsOptimizerKernel : public SgdKernel {
 public:
  struct Settings {
    bool adam = false;  // else heavy ball
    double h = 0, beta = 0, rho = 0, eps = 0;  // h > 0, 0 <= beta < 1; Adam: 0 <= rho < 1, eps > 0
    bool eps_inside = true, bias_correction = true;
  };
  // X: N x d row-major, y: N; std::invalid_argument for bad data, batches or settings.
  LsOptimizerKernel(const std::vector<double>& X, const std::vector<double>& y, int d,
                    const std::vector<std::vector<int>>& batches, const Settings& s);

  double multiply_adds() const override { return 2.0 * dim() + (s_.adam ? 6.0 : 2.0) * dim() / batch_size(); }
  void pack(const double* theta, double* state) const override;  // from rest: d = 0, or m = nu = 0 and powers 1
  void unpack(const double* state, double* theta) const override;

 private:
  int scratch_doubles() const override { return batch_size(); }
  void run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const override;

  AlignedVector<double> X_;
  std::vector<double> y_;
  Settings s_;
};

}  // namespace irverify
