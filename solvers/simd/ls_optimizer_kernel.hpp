// Minibatch SGD with weight decay, heavy ball and Adam on least squares (CLAIMS.md MOM, ADAM, RANK; the minibatch Monte
// Carlo of issues 31 and 34) through the SIMD kernels (solvers/simd/sgd_kernel.hpp, one epoch of shuffled batches per
// call, mc_kernel_mean's workload):
//   l_i = 1/2 (x_i . theta - y_i)^2, G = sum_{i in b} r_i x_i (summed as ls_kernel.hpp documents), then simd::Update's
//   operations with c = 1/B (solvers/simd/views.hpp: solvers/iterate/momentum.hpp's heavy ball from rest,
//   solvers/iterate/adam.hpp's Adam with m_0 = nu_0 = 0, bias correction and the place of eps as set, or
//   solvers/rank/weight_decay_sgd.hpp's decay), in their operation order (solvers/simd/ls_optimizer_body.inc).
// State: update_stride (solvers/simd/sgd_kernel.hpp); the step count lives in Adam's state, so epoch after epoch
// continues one run. Every ISA gives the same bits.
#pragma once

#include "solvers/simd/sgd_kernel.hpp"

namespace irverify {

class LsOptimizerKernel : public SgdKernel {
 public:
  // X: N x d row-major, y: N; u: weight decay, heavy ball or Adam (checked_update; plain SGD is LsSgdKernel's);
  // std::invalid_argument for bad data, batches or settings.
  LsOptimizerKernel(const std::vector<double>& X, const std::vector<double>& y, int d,
                    const std::vector<std::vector<int>>& batches, const simd::Update& u);

  double multiply_adds() const override {
    return 2.0 * dim() + (u_.kind == simd::UpdateKind::Adam ? 6.0 : 2.0) * dim() / batch_size();
  }
  void pack(const double* theta, double* state) const override { pack_update(u_, theta, dim(), state); }
  void unpack(const double* state, double* theta) const override;

 private:
  int scratch_doubles() const override { return batch_size(); }
  void run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const override;

  AlignedVector<double> X_;
  std::vector<double> y_;
  simd::Update u_;
};

}  // namespace irverify
