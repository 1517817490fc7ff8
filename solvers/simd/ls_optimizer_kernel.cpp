#include "solvers/simd/ls_optimizer_kernel.hpp"

#include <algorithm>
#include <stdexcept>

namespace irverify {

namespace {
simd::Update checked(const simd::Update& u) {
  if (u.kind == simd::UpdateKind::Sgd) throw std::invalid_argument("LsOptimizerKernel: plain SGD is LsSgdKernel's");
  return checked_update("LsOptimizerKernel", u);
}
}  // namespace

LsOptimizerKernel::LsOptimizerKernel(const std::vector<double>& X, const std::vector<double>& y, int d,
                                     const std::vector<std::vector<int>>& batches, const simd::Update& u)
    : SgdKernel("LsOptimizerKernel", d, update_stride(u, d), static_cast<int>(y.size()), batches, 1.0),
      X_(padded_rows("LsOptimizerKernel", X, y.size(), d)), y_(y), u_(checked(u)) {}

void LsOptimizerKernel::unpack(const double* state, double* theta) const { std::copy(state, state + dim(), theta); }

void LsOptimizerKernel::run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const {
  t.ls_optimizer(simd::LsOptimizerView{batch_view(), X_.data(), y_.data(), pad8(dim()), stride(), u_}, orders, state, count, scratch);
}

}  // namespace irverify
