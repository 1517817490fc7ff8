#include "solvers/simd/diag_kernel.hpp"

#include <algorithm>

namespace irverify {

DiagSgdKernel::DiagSgdKernel(bool squares, const std::vector<double>& X, const std::vector<double>& y, int p,
                             const std::vector<std::vector<int>>& batches, double eps)
    : SgdKernel("DiagSgdKernel", 2 * p, 2 * pad8(p), static_cast<int>(y.size()), batches, eps), squares_(squares), p_(p),
      X_(padded_rows("DiagSgdKernel", X, y.size(), p)), y_(y) {}

void DiagSgdKernel::pack(const double* theta, double* state) const {
  const int pp = stride() / 2;
  std::fill(state, state + stride(), 0.0);
  std::copy(theta, theta + p_, state);
  std::copy(theta + p_, theta + 2 * p_, state + pp);
}
void DiagSgdKernel::unpack(const double* state, double* theta) const {
  std::copy(state, state + p_, theta);
  std::copy(state + stride() / 2, state + stride() / 2 + p_, theta + p_);
}

void DiagSgdKernel::run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const {
  t.diag(simd::DiagView{batch_view(), X_.data(), y_.data(), stride() / 2, squares_}, orders, state, count, scratch);
}

}  // namespace irverify
