// What the SIMD kernel tests share: reproducible data (a counter-based stream, uniform on [-1/2, 1/2)) and equal
// batches that do not follow the example order.
#pragma once

#include "theory/random/counter_stream.hpp"

#include <vector>

namespace irverify {

inline std::vector<double> kernel_test_draws(std::size_t n, std::uint32_t stream) {
  CounterStream rng(99, stream);
  std::vector<double> v(n);
  for (double& x : v) x = rng.uniform() - 0.5;
  return v;
}

// Batches of B consecutive slots of the permutation i -> (7 i + 3) mod n (a permutation when gcd(7, n) = 1).
inline std::vector<std::vector<int>> kernel_test_batches(int n, int B) {
  std::vector<std::vector<int>> p;
  for (int i = 0; i + B <= n; i += B) {
    p.emplace_back();
    for (int j = i; j < i + B; ++j) p.back().push_back((j * 7 + 3) % n);  // not in example order
  }
  return p;
}

}  // namespace irverify
