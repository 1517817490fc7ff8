#include "solvers/simd/ls_kernel.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace irverify {

namespace {
int checked_examples(const std::vector<double>& X, const std::vector<double>& y, int d) {
  const long n = static_cast<long>(y.size());
  if (d < 1 || n < 1 || static_cast<long>(X.size()) != n * d)
    throw std::invalid_argument("LsSgdKernel: X must be N x d with N, d >= 1 (got " + std::to_string(X.size()) + " entries)");
  return static_cast<int>(n);
}
}  // namespace

LsSgdKernel::LsSgdKernel(const std::vector<double>& X, const std::vector<double>& y, int d,
                         const std::vector<std::vector<int>>& batches, double eps)
    : SgdKernel("LsSgdKernel", d, pad8(d), checked_examples(X, y, d), batches, eps), y_(y) {
  const long n = static_cast<long>(y.size());
  X_.assign(static_cast<std::size_t>(n) * stride(), 0.0);
  for (long i = 0; i < n; ++i) std::copy(&X[i * d], &X[i * d] + d, &X_[i * stride()]);
}

void LsSgdKernel::pack(const double* theta, double* state) const {
  std::fill(std::copy(theta, theta + dim(), state), state + stride(), 0.0);
}
void LsSgdKernel::unpack(const double* state, double* theta) const { std::copy(state, state + dim(), theta); }

void LsSgdKernel::run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const {
  t.ls(simd::LsView{batch_view(), X_.data(), y_.data(), stride()}, orders, state, count, scratch);
}

}  // namespace irverify
