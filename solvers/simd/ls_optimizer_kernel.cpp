#include "solvers/simd/ls_optimizer_kernel.hpp"

#include <algorithm>
#include <stdexcept>

namespace irverify {

namespace {
LsOptimizerKernel::Settings checked(const LsOptimizerKernel::Settings& s) {
  if (!(s.h > 0) || !(s.beta >= 0 && s.beta < 1))
    throw std::invalid_argument("LsOptimizerKernel: need h > 0 and 0 <= beta < 1");
  if (s.adam && !(s.rho >= 0 && s.rho < 1 && s.eps > 0))
    throw std::invalid_argument("LsOptimizerKernel: Adam needs 0 <= rho < 1 and eps > 0");
  return s;
}
}  // namespace

LsOptimizerKernel::LsOptimizerKernel(const std::vector<double>& X, const std::vector<double>& y, int d,
                                     const std::vector<std::vector<int>>& batches, const Settings& s)
    : SgdKernel("LsOptimizerKernel", d, (s.adam ? 4 : 2) * pad8(d), static_cast<int>(y.size()), batches, 1.0),
      X_(padded_rows("LsOptimizerKernel", X, y.size(), d)), y_(y), s_(checked(s)) {}

void LsOptimizerKernel::pack(const double* theta, double* state) const {
  std::fill(std::copy(theta, theta + dim(), state), state + stride(), 0.0);
  if (s_.adam) state[3 * pad8(dim())] = state[3 * pad8(dim()) + 1] = 1.0;
}
void LsOptimizerKernel::unpack(const double* state, double* theta) const { std::copy(state, state + dim(), theta); }

void LsOptimizerKernel::run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const {
  t.ls_optimizer(simd::LsOptimizerView{batch_view(), X_.data(), y_.data(), pad8(dim()), s_.adam, s_.eps_inside,
                                       s_.bias_correction, s_.h, s_.beta, s_.rho, s_.eps},
                 orders, state, count, scratch);
}

}  // namespace irverify
