// random_order (solvers/sgd/shuffling.hpp) for eight samples at a time, the same bits, for the SIMD Monte Carlo
// (solvers/sgd/kernel_monte_carlo.cpp), where one order per sample and epoch costs as much as the epoch at small d:
// Fisher-Yates on the stream (seed, sample, domain 1), whose first ceil((m - 1) / 4) Philox blocks (the words it
// takes unless it rejects one) are drawn for the eight streams side by side on one ISA
// (solvers/simd/philox_body.inc); a sample that needs another word (a rejection) is drawn by random_order itself.
// The bounded draws use the precomputed 2^32 mod n and Lemire's multiply-shift remainder (Lemire, Kaser and Kurz,
// "Faster remainder by direct computation", Softw. Pract. Exp. 2019: r mod n = high word of (M r mod 2^64) n,
// M = floor((2^64 - 1) / n) + 1, exact for 32-bit r and n) instead of two divisions.
#pragma once

#include "solvers/simd/isa.hpp"

#include <cstdint>
#include <vector>

namespace irverify {

class RandomOrders {
 public:
  RandomOrders(int m, Isa isa);  // orders of 0..m-1, m >= 1
  // out[s m .. s m + m) = random_order(m, seed, first + s) for s < count, 1 <= count <= 8, first + count <= 2^32.
  void draw(std::uint64_t seed, std::uint64_t first, int count, int* out);

 private:
  int m_, blocks_;
  const simd::KernelTable* table_;
  std::vector<std::uint32_t> limit_;  // 2^32 mod n, n = 0..m (entry 0 unused)
  std::vector<std::uint64_t> magic_;  // floor((2^64 - 1) / n) + 1
  std::vector<std::uint32_t> ctr_, words_;  // 32 per block: word w of lane l at w 8 + l
  std::vector<int> k_;                      // one order's swap positions

  int below(std::uint32_t r, int n) const;  // r mod n, n in 1..m, as r % n
};

}  // namespace irverify
