#include "solvers/sgd/monte_carlo.hpp"

#include "solvers/iterate/iterate.hpp"
#include "solvers/parallel/block_reduce.hpp"
#include "solvers/sgd/kernel_monte_carlo.hpp"
#include "solvers/sgd/partitions.hpp"
#include "theory/random/counter_stream.hpp"
#include "theory/scalar.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>

namespace irverify {

Partition epoch_batches(const Partition& p, int examples, Sampling sampling, std::uint64_t seed, std::uint64_t sample) {
  const int nb = static_cast<int>(p.size()), B = static_cast<int>(p.at(0).size());
  Partition out;
  switch (sampling) {
    case Sampling::Shuffle:
      for (int k : random_order(nb, seed, sample)) out.push_back(p[k]);
      break;
    case Sampling::Repartition:
      for (auto& b : random_partition(examples, B, seed, sample)) out.emplace_back(b.begin(), b.end());
      break;
    case Sampling::WithReplacement: {
      if (sample >> 32) throw std::invalid_argument("epoch_batches: sample index >= 2^32");
      CounterStream rng(seed, static_cast<std::uint32_t>(sample), kWithReplacementDomain);
      for (int k = 0; k < nb; ++k) {
        out.emplace_back();
        for (int j = 0; j < B; ++j) out.back().push_back(static_cast<int>(rng.below(static_cast<std::uint32_t>(examples))));
      }
      break;
    }
  }
  return out;
}

void check_mc_options(const McOptions& opt, const char* who) {
  if (opt.run.samples < 2) throw std::invalid_argument(std::string(who) + ": need at least 2 samples");
  if (opt.run.threads < 1) throw std::invalid_argument(std::string(who) + ": threads must be >= 1");
}

template <class S>
McEstimate<S> mc_mean(const std::function<void(std::uint64_t, bool, Vec<S>&)>& epoch, int nb, const Vec<S>& theta0,
                      const Vec<S>& r, const McOptions& opt) {
  check_mc_options(opt, "mc_epoch_mean");
  const int d = static_cast<int>(theta0.size());
  const MomentSums<S> tot = block_reduce(BlockReduceOptions{opt.run, kMcBlock}, MomentSums<S>(d), [&] {
    return [&, x = Vec<S>(d), y = Vec<S>(d), dev = Vec<S>(d)](long s, MomentSums<S>& acc) mutable {
      x = theta0;
      epoch(static_cast<std::uint64_t>(s), false, x);
      if (opt.antithetic) {
        y = theta0;
        epoch(static_cast<std::uint64_t>(s), true, y);
        x = (x + y) / 2;
      }
      dev = x - r;
      acc.add(dev);
    };
  });
  return mc_estimate(tot, r, opt.run.samples, opt.run.samples * nb * (opt.antithetic ? 2 : 1));
}

template <class S>
McEstimate<S> mc_epoch_mean(const Model<S>& m, const Partition& p, const Vec<S>& theta0, const S& eps, const McOptions& opt) {
  if constexpr (std::is_same_v<S, double>) {
    const auto same_size = [&] {
      return std::all_of(p.begin(), p.end(), [&](const Batch& b) { return b.size() == p.at(0).size() && !b.empty(); });
    };
    if (opt.simd && opt.sampling == Sampling::Shuffle && !p.empty() && same_size())
      if (const auto k = make_sgd_kernel(m, p, eps)) {
        McEstimate<double> e = mc_kernel_mean(*k, theta0, first_order_mean(m, p, theta0, eps), opt, best_isa());
        e.simd = true;
        return e;
      }
  }
  const std::function<void(std::uint64_t, bool, Vec<S>&)> epoch = [&](std::uint64_t s, bool rev, Vec<S>& x) {
    Partition batches = epoch_batches(p, m.num_examples(), opt.sampling, opt.run.seed, s);
    if (rev) std::reverse(batches.begin(), batches.end());
    SgdEpoch<S>{m, batches, eps}(x);
  };
  return mc_mean<S>(epoch, static_cast<int>(p.size()), theta0, first_order_mean(m, p, theta0, eps), opt);
}

#define IRVERIFY_INST(S)                                                                                          \
  template McEstimate<S> mc_epoch_mean<S>(const Model<S>&, const Partition&, const Vec<S>&, const S&, const McOptions&); \
  template McEstimate<S> mc_mean<S>(const std::function<void(std::uint64_t, bool, Vec<S>&)>&, int, const Vec<S>&,      \
                                    const Vec<S>&, const McOptions&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
