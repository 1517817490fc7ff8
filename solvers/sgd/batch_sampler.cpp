#include "solvers/sgd/batch_sampler.hpp"

#include <numeric>
#include <stdexcept>
#include <utility>

namespace irverify {

BatchSampler::BatchSampler(int N, int B, BatchSampling s) : with_(s == BatchSampling::WithReplacement) {
  if (B < 1 || (!with_ && B > N)) throw std::invalid_argument("batch sampler: need 1 <= B (and B <= N without replacement)");
  batch_.resize(B);
  std::iota(batch_.begin(), batch_.end(), 0u);
  if (!with_ && B == N) return;  // the full batch, in index order
  if (!with_) {
    perm_.resize(N);
    draws_.resize(B);
  }
  for (int j = 0; j < B; ++j) bounds_.push_back(static_cast<std::uint32_t>(with_ ? N : N - j));
  for (int j = 0; j < B;) {
    Chunk c{j, 0, 1};
    while (j < B && (c.k == 0 || c.P * bounds_[j] <= (std::uint64_t{1} << 24))) c.P *= bounds_[j++], ++c.k;
    chunks_.push_back(c);
  }
}

void BatchSampler::shuffle_in() {
  std::iota(perm_.begin(), perm_.end(), 0u);  // a partial Fisher-Yates shuffle: the first B of a uniform permutation
  for (std::size_t j = 0; j < batch_.size(); ++j) {
    std::swap(perm_[j], perm_[j + draws_[j]]);
    batch_[j] = perm_[j];
  }
}

}  // namespace irverify
