#include "solvers/simd/ls_kernel.hpp"

#include <stdexcept>
#include <string>

namespace irverify {

LsSgdKernel::LsSgdKernel(const std::vector<double>& X, const std::vector<double>& y, int d,
                         const std::vector<std::vector<int>>& batches, double eps)
    : d_(d), dp_(8 * ((d + 7) / 8)), m_(static_cast<int>(batches.size())), B_(batches.empty() ? 0 : static_cast<int>(batches[0].size())),
      y_(y), c_(eps / (B_ > 0 ? B_ : 1)) {
  const long n = static_cast<long>(y.size());
  if (d < 1 || n < 1 || static_cast<long>(X.size()) != n * d)
    throw std::invalid_argument("LsSgdKernel: X must be N x d with N, d >= 1 (got " + std::to_string(X.size()) + " entries)");
  if (m_ < 1 || B_ < 1) throw std::invalid_argument("LsSgdKernel: need at least one non-empty batch");
  if (!(eps > 0)) throw std::invalid_argument("LsSgdKernel: eps must be > 0");
  X_.assign(static_cast<std::size_t>(n) * dp_, 0.0);
  for (long i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) X_[i * dp_ + j] = X[i * d + j];
  for (const auto& b : batches) {
    if (static_cast<int>(b.size()) != B_) throw std::invalid_argument("LsSgdKernel: batches of unequal size");
    for (int i : b) {
      if (i < 0 || i >= n) throw std::invalid_argument("LsSgdKernel: example index " + std::to_string(i) + " out of range");
      index_.push_back(i);
    }
  }
}

void LsSgdKernel::epochs(const int* orders, double* theta, int count, Isa isa) const {
  if (!isa_supported(isa)) throw std::invalid_argument(std::string("LsSgdKernel: this CPU lacks ") + isa_name(isa));
  const LsView v{X_.data(), y_.data(), index_.data(), dp_, m_, B_, c_};
  double small[16];  // residual scratch: on the stack unless the batch is larger (no allocation per call)
  std::vector<double> large(B_ > 16 ? B_ : 0);
  double* r = B_ > 16 ? large.data() : small;
  switch (isa) {
    case Isa::Sse2: simd::ls_epochs_sse2(v, orders, theta, count, r); break;
    case Isa::Avx2: simd::ls_epochs_avx2(v, orders, theta, count, r); break;
    case Isa::Avx512: simd::ls_epochs_avx512(v, orders, theta, count, r); break;
  }
}

}  // namespace irverify
