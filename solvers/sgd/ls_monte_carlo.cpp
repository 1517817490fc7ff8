#include "solvers/sgd/ls_monte_carlo.hpp"

#include "solvers/parallel/block_reduce.hpp"
#include "solvers/parallel/moment_sums.hpp"
#include "theory/scalar.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace irverify {

LsSgdKernel least_squares_kernel(const ProblemSpec& s, const Partition& p, double eps) {
  if (s.model != "least-squares" || s.outputs != 1)
    throw ProblemError(s.origin + ": the SIMD kernel runs least-squares problems only (model is " + s.model + ")");
  const int d = s.features();
  std::vector<double> X, y;
  for (const auto& row : s.data) {
    for (int j = 0; j < d; ++j) X.push_back(parse_scalar<double>(row[j]));
    y.push_back(parse_scalar<double>(row[d]));
  }
  return LsSgdKernel(X, y, d, p, eps);
}

McEstimate<double> mc_least_squares_mean(const LsSgdKernel& k, const Vec<double>& theta0, const Vec<double>& r,
                                         const McOptions& opt, Isa isa) {
  if (opt.samples < 2) throw std::invalid_argument("mc_least_squares_mean: need at least 2 samples");
  if (opt.threads < 1) throw std::invalid_argument("mc_least_squares_mean: threads must be >= 1");
  if (opt.sampling != Sampling::Shuffle) throw std::invalid_argument("mc_least_squares_mean: shuffle sampling only");
  const int d = k.dim(), dp = k.padded_dim(), m = k.batches();
  if (theta0.size() != d || r.size() != d) throw std::invalid_argument("mc_least_squares_mean: theta0 and r need the kernel's dimension");
  const int runs = opt.antithetic ? 2 : 1;  // forward orders, then their reverses
  auto make_worker = [&] {
    return [&, orders = std::vector<int>(runs * kLsGroup * m), theta = AlignedVector<double>(runs * kLsGroup * dp),
            x = Vec<double>(d), dev = Vec<double>(d)](long first, long last, MomentSums<double>& acc) mutable {
      for (long s0 = first; s0 < last; s0 += kLsGroup) {
        const int g = static_cast<int>(std::min<long>(kLsGroup, last - s0));
        for (int s = 0; s < g; ++s) {
          int* pi = &orders[s * m];
          random_order(m, opt.seed, static_cast<std::uint64_t>(s0 + s), pi);
          if (opt.antithetic) std::reverse_copy(pi, pi + m, &orders[(g + s) * m]);
        }
        for (int s = 0; s < runs * g; ++s) {
          std::fill(&theta[s * dp], &theta[s * dp] + dp, 0.0);
          std::copy(theta0.data(), theta0.data() + d, &theta[s * dp]);
        }
        k.epochs(orders.data(), theta.data(), runs * g, isa);
        for (int s = 0; s < g; ++s) {
          x = Eigen::Map<const Vec<double>>(&theta[s * dp], d);
          if (opt.antithetic) x = (x + Eigen::Map<const Vec<double>>(&theta[(g + s) * dp], d)) / 2;
          dev = x - r;
          acc.add(dev);
        }
      }
    };
  };
  const MomentSums<double> tot =
      block_reduce_blocks(BlockReduceOptions{opt.samples, kMcBlock, opt.threads, opt.progress}, MomentSums<double>(d), make_worker);
  McEstimate<double> e;
  e.samples = opt.samples;
  e.batch_steps = opt.samples * m * runs;
  e.mean = r + tot.mean(opt.samples);
  e.std_error = tot.std_error(opt.samples);
  return e;
}

}  // namespace irverify
