#include "solvers/simd/diag_kernel.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace irverify {

namespace {
int checked_examples(const std::vector<double>& X, const std::vector<double>& y, int p) {
  const long n = static_cast<long>(y.size());
  if (p < 1 || n < 1 || static_cast<long>(X.size()) != n * p)
    throw std::invalid_argument("DiagSgdKernel: X must be N x p with N, p >= 1 (got " + std::to_string(X.size()) + " entries)");
  return static_cast<int>(n);
}
}  // namespace

DiagSgdKernel::DiagSgdKernel(bool squares, const std::vector<double>& X, const std::vector<double>& y, int p,
                             const std::vector<std::vector<int>>& batches, double eps)
    : SgdKernel("DiagSgdKernel", 2 * p, 2 * pad8(p), checked_examples(X, y, p), batches, eps), squares_(squares), p_(p), y_(y) {
  const long n = static_cast<long>(y.size());
  const int pp = pad8(p);
  X_.assign(static_cast<std::size_t>(n) * pp, 0.0);
  for (long i = 0; i < n; ++i) std::copy(&X[i * p], &X[i * p] + p, &X_[i * pp]);
}

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
