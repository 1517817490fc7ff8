// Counter-based random stream (Random123 Philox4x32-10), indexed by (seed, stream, domain).
// The n-th draw of stream s under seed k is a pure function of (k, s, domain, n), so
// results are bit-identical whatever the thread count or evaluation order. Domains keep
// unrelated uses of one seed apart; each is declared by the code that draws from it (the problem generator's here,
// the solvers' in their headers), and a unit test (checks/unit/theory/random/counter_stream_test.cpp) lists every one
// and requires them distinct.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace irverify {

inline constexpr std::uint32_t kGeneratorDomain = 0;  // theory/problem/generator

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

// Independent uniform integers x_j in [0, n_j), j < k, all n_j > 0 and P = n_0 ... n_{k-1} <= 2^32, from one 32-bit
// word w of `words` (anything with next_u32(); more words on rejection): Lemire's multiply-shift draw of one integer
// below P ("Fast random integer generation in an interval", ACM TOMACS 2019), read as mixed-radix digits by k
// multiply-shifts, x_j = high word of l_{j-1} n_j with l_{-1} = w and l_j its low word (Brackett-Rozinsky & Lemire,
// "Batched ranged random integer generation", Softw. Pract. Exp. 2024). The word is rejected when l_{k-1} < 2^32 mod P
// (probability < P / 2^32), so the draw is exactly uniform; no division unless l_{k-1} < P. For k = 1 this is
// Lemire's single bounded draw.
template <class Words> void bounded_batch(Words& words, const std::uint32_t* n, int k, std::uint64_t P, std::uint32_t* x) {
  for (std::uint64_t t = 0;;) {
    std::uint64_t l = words.next_u32();
    for (int j = 0; j < k; ++j) {
      const std::uint64_t m = l * n[j];
      x[j] = static_cast<std::uint32_t>(m >> 32);
      l = m & 0xffffffffu;
    }
    if (l >= P) return;
    if (t == 0) t = (std::uint64_t{1} << 32) % P;
    if (l >= t) return;
  }
}

// The seed of one purpose's stream family under a run seed: a Philox draw keyed by the seed, at counter (index, a hash
// of `purpose`, kSubSeedDomain). Seeds s and s + 1, and one seed's purposes and indices, get unrelated 64-bit keys;
// never seed arithmetic (s + k), under which seed s + 1 replayed seed s's second family draw for draw. Two derived
// keys, or a derived key and a run seed, coincide with probability about 2^-64 per pair.
inline constexpr std::uint32_t kSubSeedDomain = 0xffffffffu;  // above every stream domain
inline std::uint64_t sub_seed(std::uint64_t seed, const char* purpose, std::uint64_t index) {
  std::uint32_t h = 2166136261u;  // FNV-1a of the purpose's text
  for (const char* c = purpose; *c; ++c) h = (h ^ static_cast<unsigned char>(*c)) * 16777619u;
  r123::Philox4x32 rng;
  const r123::Philox4x32::ctr_type ctr = {{static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32), h, kSubSeedDomain}};
  const r123::Philox4x32::key_type key = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const auto r = rng(ctr, key);
  return (static_cast<std::uint64_t>(r.v[1]) << 32 | r.v[0]) | 1u;  // never 0 (0 means "no seed" in a record)
}

// A Monte Carlo run index as its 32-bit stream number (std::invalid_argument, naming `who`, from 2^32 on).
inline std::uint32_t run_stream(std::uint64_t run, const char* who) {
  if (run >> 32) throw std::invalid_argument(std::string(who) + ": run index >= 2^32");
  return static_cast<std::uint32_t>(run);
}

}  // namespace irverify
