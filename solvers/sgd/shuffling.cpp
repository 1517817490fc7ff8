#include "solvers/sgd/shuffling.hpp"

#include "solvers/iterate/iterate.hpp"
#include "theory/random/counter_stream.hpp"
#include "theory/scalar.hpp"

#include <numeric>
#include <stdexcept>

namespace irverify {

template <class S>
Vec<S> sgd_epoch(const Model<S>& m, const Partition& p, const std::vector<int>& order, const Vec<S>& theta0, const S& eps) {
  Partition batches;
  for (int k : order) batches.push_back(p.at(k));
  Vec<S> th = theta0;
  SgdEpoch<S>{m, batches, eps}(th);
  return th;
}

template <class S> Vec<S> first_order_mean(const Model<S>& m, const Partition& p, const Vec<S>& theta0, const S& eps) {
  Vec<S> g = Vec<S>::Zero(theta0.size());
  for (const auto& b : p) g += m.gradient(theta0, b);
  return theta0 - eps * g;
}

template <class S>
EpochMean<S> exact_epoch_mean(const Model<S>& m, const Partition& p, const Vec<S>& theta0, const S& eps,
                              const Deadline& deadline) {
  using std::sqrt;
  const int nb = static_cast<int>(p.size());
  if (nb < 1 || nb > 10) throw std::invalid_argument("exact_epoch_mean: need 1 <= m <= 10 batches");
  const Vec<S> r = first_order_mean(m, p, theta0, eps);  // deviations are accumulated from r
  EpochMean<S> out;
  Vec<S> sum = Vec<S>::Zero(theta0.size());
  S sumsq(0);
  std::vector<Vec<S>> stack(nb + 1, theta0);
  std::vector<bool> used(nb, false);
  // Depth-first over the order tree; stack[k] is the iterate after the first k batches of the current prefix.
  auto dfs = [&](auto&& self, int depth) -> void {
    if (depth == nb) {
      const Vec<S> d = stack[nb] - r;
      sum += d;
      sumsq += d.squaredNorm();
      ++out.orders;
      return;
    }
    for (int k = 0; k < nb; ++k) {
      if (used[k]) continue;
      used[k] = true;
      deadline.check();
      stack[depth + 1] = stack[depth] - eps * m.gradient(stack[depth], p[k]);
      ++out.batch_steps;
      self(self, depth + 1);
      used[k] = false;
    }
  };
  dfs(dfs, 0);
  const S n(out.orders);
  const Vec<S> mean_d = sum / n;
  out.mean = r + mean_d;
  const S var = sumsq / n - mean_d.squaredNorm();
  out.spread = var > 0 ? S(sqrt(var)) : S(0);
  return out;
}

void random_order(int m, std::uint64_t seed, std::uint64_t sample, int* pi) {
  std::iota(pi, pi + m, 0);
  if (sample >> 32) throw std::invalid_argument("random_order: sample index >= 2^32");
  CounterStream rng(seed, static_cast<std::uint32_t>(sample), kSgdOrderDomain);
  for (int i = m - 1; i > 0; --i) std::swap(pi[i], pi[rng.below(static_cast<std::uint32_t>(i + 1))]);
}

std::vector<int> random_order(int m, std::uint64_t seed, std::uint64_t sample) {
  std::vector<int> pi(m);
  random_order(m, seed, sample, pi.data());
  return pi;
}

#define IRVERIFY_INST(S)                                                                                        \
  template Vec<S> sgd_epoch<S>(const Model<S>&, const Partition&, const std::vector<int>&, const Vec<S>&, const S&); \
  template EpochMean<S> exact_epoch_mean<S>(const Model<S>&, const Partition&, const Vec<S>&, const S&,           \
                                             const Deadline&);                                                   \
  template Vec<S> first_order_mean<S>(const Model<S>&, const Partition&, const Vec<S>&, const S&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
