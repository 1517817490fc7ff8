// Shuffled SGD on the diagonal linear networks (theory/models/diag_net.hpp; diag-uv and two-param: beta = u (.) v,
// diag-uu-vv: beta = u (.) u - v (.) v) through the SIMD kernel (solvers/simd/sgd_kernel.hpp). A step on batch b:
//   r_i = x_i . beta - y_i,  g = sum_{i in b} r_i x_i,  u -= c g (.) du,  v -= c g (.) dv,  c = eps / B,
// with (du, dv) = (v, u) or (2u, -2v) = d beta / d(u, v) (the gradient of 1/2 r^2 is r x_j d beta_j). State: u and v,
// each zero-padded to pp = 8 ceil(p/8). Summation order: x_i . beta in the lane contract of ls_kernel.hpp, g in the
// batch's stored order, beta and the update elementwise (solvers/simd/diag_body.inc).
#pragma once

#include "solvers/simd/sgd_kernel.hpp"

namespace irverify {

class DiagSgdKernel : public SgdKernel {
 public:
  // X: N x p row-major, y: N; squares selects diag-uu-vv. theta = (u_1..u_p, v_1..v_p).
  DiagSgdKernel(bool squares, const std::vector<double>& X, const std::vector<double>& y, int p,
                const std::vector<std::vector<int>>& batches, double eps);

  double multiply_adds() const override { return 2.0 * p_ + 3.0 * p_ / batch_size(); }
  void pack(const double* theta, double* state) const override;
  void unpack(const double* state, double* theta) const override;

 private:
  int scratch_doubles() const override { return stride() / 2 + batch_size(); }
  void run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const override;

  bool squares_;
  int p_;
  AlignedVector<double> X_;
  std::vector<double> y_;
};

}  // namespace irverify
