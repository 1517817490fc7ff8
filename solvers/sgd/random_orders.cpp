#include "solvers/sgd/random_orders.hpp"

#include "solvers/sgd/shuffling.hpp"
#include "solvers/simd/views.hpp"

#include <numeric>
#include <stdexcept>
#include <utility>

namespace irverify {

RandomOrders::RandomOrders(int m, Isa isa)
    : m_(m), blocks_((m + 2) / 4), table_(&kernel_table(isa, "RandomOrders")) {  // ceil((m - 1) / 4)
  if (m < 1) throw std::invalid_argument("RandomOrders: m must be >= 1");
  limit_.resize(m + 1);
  magic_.resize(m + 1);
  for (int n = 1; n <= m; ++n) {
    const std::uint32_t u = static_cast<std::uint32_t>(n);
    limit_[n] = static_cast<std::uint32_t>(-u) % u;
    magic_[n] = ~std::uint64_t{0} / u + 1;
  }
  ctr_.resize(32);
  k_.resize(m);
  words_.resize(32 * static_cast<std::size_t>(blocks_));
}

int RandomOrders::below(std::uint32_t r, int n) const {  // r mod n
  return static_cast<int>((static_cast<unsigned __int128>(magic_[n] * r) * static_cast<std::uint64_t>(n)) >> 64);
}

void RandomOrders::draw(std::uint64_t seed, std::uint64_t first, int count, int* out) {
  if (count < 1 || count > 8) throw std::invalid_argument("RandomOrders::draw: count must be in 1..8");
  if ((first + static_cast<std::uint64_t>(count) - 1) >> 32) throw std::invalid_argument("random_order: sample index >= 2^32");
  const auto key0 = static_cast<std::uint32_t>(seed), key1 = static_cast<std::uint32_t>(seed >> 32);
  for (int b = 0; b < blocks_; ++b) {  // CounterStream's counter words: (block, 0, stream, domain)
    for (int l = 0; l < 8; ++l) {
      ctr_[l] = static_cast<std::uint32_t>(b);
      ctr_[8 + l] = 0;
      ctr_[16 + l] = static_cast<std::uint32_t>(first + (l < count ? l : 0));
      ctr_[24 + l] = kSgdOrderDomain;
    }
    table_->philox8(ctr_.data(), key0, key1, &words_[32 * static_cast<std::size_t>(b)]);
  }
  for (int s = 0; s < count; ++s) {
    int* pi = out + static_cast<long>(s) * m_;
    std::iota(pi, pi + m_, 0);
    // Word p at 8 p (word p % 4 of block p / 4); none without blocks.
    const std::uint32_t* word = blocks_ > 0 ? &words_[static_cast<std::size_t>(s)] : nullptr;
    // Unless a word is rejected (probability < m^2 / 2^32), Fisher-Yates (random_order) takes words 0..m-2 in order:
    // the swap positions first, independent of each other, then the swaps.
    bool plain = true;
    for (int i = m_ - 1, p = 0; plain && i > 0; --i, ++p) {
      const std::uint32_t r = word[8 * p];
      plain = r >= limit_[i + 1];
      k_[i] = below(r, i + 1);
    }
    if (!plain) {  // a rejected word: the stream itself
      random_order(m_, seed, first + static_cast<std::uint64_t>(s), pi);
      continue;
    }
    for (int i = m_ - 1; i > 0; --i) std::swap(pi[i], pi[k_[i]]);
  }
}

}  // namespace irverify
