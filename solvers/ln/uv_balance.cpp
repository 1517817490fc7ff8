#include "solvers/ln/uv_balance.hpp"

#include "solvers/iterate/iterate.hpp"
#include "solvers/stats/moment_sums.hpp"
#include "theory/random/counter_stream.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace irverify {

template <class S>
std::vector<BalanceEstimate<S>> uv_balance_mc(const Vec<S>& x, const Vec<S>& y, const Vec<S>& theta0, const S& eta,
                                              const std::vector<long>& at, bool reshuffle, const RunControl& run) {
  const int N = static_cast<int>(x.size());
  const S D0 = theta0(0) * theta0(0) - theta0(1) * theta0(1);
  const Eigen::Index n = static_cast<Eigen::Index>(at.size());
  if (N < 1 || y.size() != x.size() || theta0.size() != 2 || D0 == 0 || !(eta > 0) || at.empty() || at[0] < 0 ||
      !std::is_sorted(at.begin(), at.end()) || run.samples < 2)
    throw std::invalid_argument("uv_balance_mc: needs data, theta0 = (u, v) with u^2 != v^2, eta > 0, steps ascending from 0, runs >= 2");
  const MomentSums<S> tot = block_reduce(BlockReduceOptions{run, 16}, MomentSums<S>(n), [&] {
    return [&, order = std::vector<std::uint32_t>(N), v = Vec<S>(n)](long r, MomentSums<S>& acc) mutable {
      CounterStream src(run.seed, run_stream(static_cast<std::uint64_t>(r), "uv_balance_mc"), kLwaDomain);
      S u = theta0(0), w = theta0(1);
      Eigen::Index next = 0;
      for (long k = 0;; ++k) {
        for (; next < n && at[next] == k; ++next) v(next) = (u * u - w * w) / D0;
        if (next == n) break;
        std::uint32_t i;
        if (reshuffle) {
          const long pos = k % N;
          if (pos == 0) {  // a fresh permutation: Fisher-Yates from the identity
            std::iota(order.begin(), order.end(), 0u);
            for (int j = N - 1; j > 0; --j) std::swap(order[j], order[src.below(static_cast<std::uint32_t>(j + 1))]);
          }
          i = order[pos];
        } else {
          i = src.below(static_cast<std::uint32_t>(N));
        }
        const S e = (u * w * x(i) - y(i)) * x(i) * eta;  // eta times d l_i / d(u v)
        const S u1 = u - e * w;
        w -= e * u;
        u = u1;
      }
      if (!all_finite(v)) throw NumericalFault("uv_balance_mc: the iterate stopped being finite in run " + std::to_string(r));
      acc.add(v);
    };
  });
  const Vec<S> mean = tot.mean(run.samples), se = tot.std_error(run.samples);
  std::vector<BalanceEstimate<S>> out;
  for (Eigen::Index j = 0; j < n; ++j) out.push_back({mean(j), se(j), run.samples});
  return out;
}

#define IRVERIFY_INST(S)                                                                                                  \
  template std::vector<BalanceEstimate<S>> uv_balance_mc<S>(const Vec<S>&, const Vec<S>&, const Vec<S>&, const S&, \
                                                            const std::vector<long>&, bool, const RunControl&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
