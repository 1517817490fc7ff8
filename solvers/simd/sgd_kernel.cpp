#include "solvers/simd/sgd_kernel.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

namespace irverify {

SgdKernel::SgdKernel(const char* what, int dim, int stride, int examples, const std::vector<std::vector<int>>& batches,
                     double eps)
    : dim_(dim), stride_(stride) {
  const std::string w = what;
  if (batches.empty() || batches[0].empty()) throw std::invalid_argument(w + ": need at least one non-empty batch");
  if (!(eps > 0)) throw std::invalid_argument(w + ": eps must be > 0");
  const int B = static_cast<int>(batches[0].size());
  for (const auto& b : batches) {
    if (static_cast<int>(b.size()) != B) throw std::invalid_argument(w + ": batches of unequal size");
    for (int i : b) {
      if (i < 0 || i >= examples) throw std::invalid_argument(w + ": example index " + std::to_string(i) + " out of range");
      index_.push_back(i);
    }
  }
  m_ = static_cast<int>(batches.size());
  B_ = B;
  c_ = eps / B;
}

AlignedVector<double> padded_rows(const char* what, const std::vector<double>& X, std::size_t rows, int d) {
  if (d < 1 || rows < 1 || X.size() != rows * static_cast<std::size_t>(d))
    throw std::invalid_argument(std::string(what) + ": X must be N x d with N, d >= 1 (got " + std::to_string(X.size()) +
                                " entries for N = " + std::to_string(rows) + ", d = " + std::to_string(d) + ")");
  const std::size_t dp = pad8(d);
  AlignedVector<double> out(rows * dp, 0.0);
  for (std::size_t i = 0; i < rows; ++i) std::copy(&X[i * d], &X[i * d] + d, &out[i * dp]);
  return out;
}

simd::Update checked_update(const char* what, const simd::Update& u) {
  using K = simd::UpdateKind;
  const std::string w = what;
  if (!(u.h > 0) || !(u.beta >= 0 && u.beta < 1)) throw std::invalid_argument(w + ": need h > 0 and 0 <= beta < 1");
  if (u.kind == K::Adam && !(u.rho >= 0 && u.rho < 1 && u.eps > 0))
    throw std::invalid_argument(w + ": Adam needs 0 <= rho < 1 and eps > 0");
  if (u.kind == K::WeightDecay && !(u.lambda >= 0 && 1 - 2 * u.h * u.lambda > 0))
    throw std::invalid_argument(w + ": weight decay needs lambda >= 0 and 2 h lambda < 1");
  return u;
}

int update_stride(const simd::Update& u, int dim) {
  return (u.kind == simd::UpdateKind::Adam ? 4 : u.kind == simd::UpdateKind::HeavyBall ? 2 : 1) * pad8(dim);
}

void pack_update(const simd::Update& u, const double* theta, int dim, double* state) {
  std::fill(std::copy(theta, theta + dim, state), state + update_stride(u, dim), 0.0);
  if (u.kind == simd::UpdateKind::Adam) state[3 * pad8(dim)] = state[3 * pad8(dim) + 1] = 1.0;
}

void SgdKernel::epochs(const int* orders, double* state, int count, Isa isa) const {
  const simd::KernelTable& table = kernel_table(isa, "SGD kernel");
  // Scratch on the stack unless the kernel needs more, on a cache line either way; not zeroed (the kernels write every
  // value before reading it).
  alignas(64) double small[512];
  const int n = scratch_doubles();
  const auto free = [n](double* p) { CacheAligned<double>().deallocate(p, static_cast<std::size_t>(n)); };
  const std::unique_ptr<double, decltype(free)> large(n > 512 ? CacheAligned<double>().allocate(static_cast<std::size_t>(n)) : nullptr, free);
  run(table, orders, state, count, large ? large.get() : small);
}

}  // namespace irverify
