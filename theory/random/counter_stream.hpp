// Counter-based random stream (Random123 Philox4x32-10), indexed by (seed, stream, domain).
// The n-th draw of stream s under seed k is a pure function of (k, s, domain, n), so
// results are bit-identical whatever the thread count or evaluation order. Domains keep
// unrelated uses of one seed apart; every domain in use is listed here, so none is taken twice.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace irverify {

inline constexpr std::uint32_t kGeneratorDomain = 0;        // theory/problem/generator
inline constexpr std::uint32_t kSgdOrderDomain = 1;         // solvers/sgd/shuffling: epoch orders
inline constexpr std::uint32_t kPartitionDomain = 2;        // solvers/sgd/partitions: random partitions
inline constexpr std::uint32_t kWithReplacementDomain = 3;  // solvers/sgd/monte_carlo: batches with replacement
inline constexpr std::uint32_t kStabilityDomain = 4;        // solvers/stability/linear_growth: linearized SGD runs
inline constexpr std::uint32_t kStabSearchDomain = 5;       // STAB-3: random and adversarial features
inline constexpr std::uint32_t kStabStartDomain = 6;        // STAB-4: starting points
inline constexpr std::uint32_t kStabBatchDomain = 7;        // STAB-4: batches
inline constexpr std::uint32_t kLyapunovDomain = 8;         // solvers/stability/lyapunov: linearized SGD products
inline constexpr std::uint32_t kReturnStartDomain = 9;      // solvers/stability/return_fraction: perturbations
inline constexpr std::uint32_t kReturnBatchDomain = 10;     // solvers/stability/return_fraction: batches
inline constexpr std::uint32_t kLabelNoiseDomain = 11;      // solvers/ln/label_noise: batches and label signs

class CounterStream {
 public:
  CounterStream(std::uint64_t seed, std::uint32_t stream, std::uint32_t domain = kGeneratorDomain)
      : seed_(seed), stream_(stream), domain_(domain) {}

  std::uint32_t next_u32() {
    if (pos_ == 4) refill();
    return buf_[pos_++];
  }
  // Uniform on [0, 1) with 53 random bits.
  double uniform() {
    const std::uint64_t hi = next_u32() >> 5, lo = next_u32() >> 6;  // 27 + 26 bits
    return static_cast<double>((hi << 26) | lo) * 0x1p-53;
  }
  // Uniform integer in [0, n), n > 0 (rejection sampling, no modulo bias).
  std::uint32_t below(std::uint32_t n) {
    const std::uint32_t limit = static_cast<std::uint32_t>(-n) % n;  // 2^32 mod n
    for (;;) {
      const std::uint32_t r = next_u32();
      if (r >= limit) return r % n;
    }
  }
  // Uniform integer in [0, n), n > 0, by Lemire's multiply-shift with rejection ("Fast random integer generation in
  // an interval", ACM TOMACS 2019): no modulo bias, and no division unless the low word falls below n. A different
  // map from random words to integers than below(): streams that use one must keep to it.
  std::uint32_t bounded(std::uint32_t n) {
    std::uint64_t m = static_cast<std::uint64_t>(next_u32()) * n;
    if (static_cast<std::uint32_t>(m) < n) {
      const std::uint32_t t = static_cast<std::uint32_t>(-n) % n;
      while (static_cast<std::uint32_t>(m) < t) m = static_cast<std::uint64_t>(next_u32()) * n;
    }
    return static_cast<std::uint32_t>(m >> 32);
  }
  // Standard normal (Box-Muller, cosine branch; two uniforms per draw).
  double normal() {
    const double u1 = 1.0 - uniform(), u2 = uniform();  // u1 in (0, 1]
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }

 private:
  void refill() {
    r123::Philox4x32 rng;
    const r123::Philox4x32::ctr_type ctr = {{static_cast<std::uint32_t>(counter_), static_cast<std::uint32_t>(counter_ >> 32),
                                             stream_, domain_}};
    const r123::Philox4x32::key_type key = {{static_cast<std::uint32_t>(seed_), static_cast<std::uint32_t>(seed_ >> 32)}};
    const auto r = rng(ctr, key);
    for (int i = 0; i < 4; ++i) buf_[i] = r.v[i];
    ++counter_;
    pos_ = 0;
  }
  std::uint64_t seed_;
  std::uint32_t stream_;
  std::uint32_t domain_;
  std::uint64_t counter_ = 0;
  std::uint32_t buf_[4] = {0, 0, 0, 0};
  int pos_ = 4;
};

}  // namespace irverify
