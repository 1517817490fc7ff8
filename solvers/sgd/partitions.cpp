#include "solvers/sgd/partitions.hpp"

#include "theory/random/counter_stream.hpp"

#include <numeric>
#include <stdexcept>

namespace irverify {

namespace {
void check(int n, int b) {
  if (n < 1 || b < 1 || n % b != 0) throw std::invalid_argument("partitions: B must divide N");
}
}  // namespace

long long partition_count(int n, int b) {
  check(n, b);
  // prod over batches of C(remaining - 1, b - 1): the smallest remaining example picks b - 1 partners.
  long double c = 1;
  for (int r = n; r > 0; r -= b) {
    long double k = 1;
    for (int j = 1; j < b; ++j) k = k * (r - j) / j;
    c *= k;
  }
  return c > 4.6e18L ? -1 : static_cast<long long>(c + 0.5L);
}

void for_each_partition(int n, int b, const std::function<void(const Blocks&)>& visit) {
  check(n, b);
  Blocks blocks;
  std::vector<bool> used(n, false);
  std::vector<int> cur;
  // Fill the current block with partners after `from`, then open the next block at the smallest unused example.
  auto rec = [&](auto&& self, int from) -> void {
    if (static_cast<int>(cur.size()) == b) {
      blocks.push_back(cur);
      int first = 0;
      while (first < n && used[first]) ++first;
      if (first == n) visit(blocks);
      else {
        std::vector<int> saved = cur;
        cur = {first};
        used[first] = true;
        self(self, first + 1);
        used[first] = false;
        cur = saved;
      }
      blocks.pop_back();
      return;
    }
    for (int i = from; i < n; ++i) {
      if (used[i]) continue;
      used[i] = true;
      cur.push_back(i);
      self(self, i + 1);
      cur.pop_back();
      used[i] = false;
    }
  };
  cur = {0};
  used[0] = true;
  rec(rec, 1);
}

Blocks random_partition(int n, int b, std::uint64_t seed, std::uint64_t sample) {
  check(n, b);
  if (sample >> 32) throw std::invalid_argument("random_partition: sample index >= 2^32");
  std::vector<int> pi(n);
  std::iota(pi.begin(), pi.end(), 0);
  CounterStream rng(seed, static_cast<std::uint32_t>(sample), kPartitionDomain);
  for (int i = n - 1; i > 0; --i) std::swap(pi[i], pi[rng.below(static_cast<std::uint32_t>(i + 1))]);
  Blocks out(n / b);
  for (int i = 0; i < n; ++i) out[i / b].push_back(pi[i]);
  return out;
}

}  // namespace irverify
