#include "solvers/simd/ls_kernel.hpp"

#include <algorithm>

namespace irverify {

LsSgdKernel::LsSgdKernel(const std::vector<double>& X, const std::vector<double>& y, int d,
                         const std::vector<std::vector<int>>& batches, double eps)
    : SgdKernel("LsSgdKernel", d, pad8(d), static_cast<int>(y.size()), batches, eps),
      X_(padded_rows("LsSgdKernel", X, y.size(), d)), y_(y) {}

void LsSgdKernel::pack(const double* theta, double* state) const {
  std::fill(std::copy(theta, theta + dim(), state), state + stride(), 0.0);
}
void LsSgdKernel::unpack(const double* state, double* theta) const { std::copy(state, state + dim(), theta); }

void LsSgdKernel::run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const {
  t.ls(simd::LsView{batch_view(), X_.data(), y_.data(), stride()}, orders, state, count, scratch);
}

}  // namespace irverify
