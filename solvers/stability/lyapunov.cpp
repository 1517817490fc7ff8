#include "solvers/stability/lyapunov.hpp"

#include "solvers/parallel/block_reduce.hpp"
#include "solvers/stats/confidence.hpp"
#include "solvers/stability/linear_growth.hpp"

#include <cmath>
#include <stdexcept>

namespace irverify {

namespace {

constexpr long kBlock = 8;

// Per-run sums of the window log-growth of x, of the excesses of y (burn-in b/2) and z (none) over x, and of x over
// the ladder's prefixes.
struct Sums {
  double x = 0, xx = 0, dh = 0, dhh = 0, dn = 0, dnn = 0;
  std::vector<double> p, pp;
  explicit Sums(int ladder = 0) : p(ladder, 0), pp(ladder, 0) {}
  Sums& operator+=(const Sums& o) {
    x += o.x, xx += o.xx, dh += o.dh, dhh += o.dhh, dn += o.dn, dnn += o.dnn;
    for (std::size_t k = 0; k < p.size(); ++k) p[k] += o.p[k], pp[k] += o.pp[k];
    return *this;
  }
};

}  // namespace

LyapunovEstimate lyapunov_exponent(const StabilityInstance<double>& in, int B, BatchSampling s, double eta,
                                   const LyapunovOptions& opt) {
  const int N = in.N, r = in.rank();
  if (opt.run.samples < 2 || opt.burn_in < 2 || opt.ladder < 1 || opt.window < (1L << (opt.ladder - 1)) || opt.run.threads < 1)
    throw std::invalid_argument("lyapunov_exponent: bad options");
  batch_coefficients<double>(N, B, s);  // validates B
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> W = in.W;
  const double step = eta / B;
  LyapunovEstimate e;
  for (int k = opt.ladder - 1; k >= 0; --k) e.horizons.push_back(opt.window >> k);
  const long half = opt.burn_in / 2, total = opt.burn_in + opt.window;
  const Sums tot = block_reduce(BlockReduceOptions{opt.run, kBlock}, Sums(opt.ladder), [&] {
    return [&, v = std::vector<Vec<double>>(3, Vec<double>(r)), batch = std::vector<int>(B), perm = std::vector<int>(N),
            coef = Vec<double>(B)](long run, Sums& acc) mutable {
      CounterStream rng(opt.run.seed, static_cast<std::uint32_t>(run), kLyapunovDomain);
      auto isotropic = [&](Vec<double>& x) {
        for (int k = 0; k < r; ++k) x(k) = rng.normal();
        x /= x.norm();
      };
      // v[0] = x from step 0, v[1] = y from step b/2, v[2] = z from step b; log-growth over the window.
      double lg[3] = {0, 0, 0};
      std::vector<double> prefix(opt.ladder, 0);
      isotropic(v[0]);
      for (long t = 0; t < total; ++t) {
        opt.run.deadline.check();
        if (t == half) isotropic(v[1]);
        if (t == opt.burn_in) isotropic(v[2]);
        const int active = t < half ? 1 : t < opt.burn_in ? 2 : 3;
        draw_batch(rng, N, s, perm, batch);
        for (int a = 0; a < active; ++a) {
          Vec<double>& x = v[a];
          // x -= (eta/B) sum_j w_j (w_j . x), the dots taken before the update; then renormalize.
          for (int j = 0; j < B; ++j) coef(j) = step * W.row(batch[j]).dot(x);
          for (int j = 0; j < B; ++j) x.noalias() -= coef(j) * W.row(batch[j]).transpose();
          const double nrm = x.norm();
          x /= nrm;
          if (t >= opt.burn_in) lg[a] += std::log(nrm);
        }
        const long w = t - opt.burn_in + 1;  // window steps done
        for (int k = 0; k < opt.ladder; ++k)
          if (w == e.horizons[k]) prefix[k] = lg[0];
      }
      acc.x += lg[0], acc.xx += lg[0] * lg[0];
      const double dh = lg[1] - lg[0], dn = lg[2] - lg[0];
      acc.dh += dh, acc.dhh += dh * dh, acc.dn += dn, acc.dnn += dn * dn;
      for (int k = 0; k < opt.ladder; ++k) acc.p[k] += prefix[k], acc.pp[k] += prefix[k] * prefix[k];
    };
  });
  const double n = static_cast<double>(opt.run.samples), T = static_cast<double>(opt.window);
  std::tie(e.lambda, e.stderr_) = mean_se_of_sums(tot.x, tot.xx, n);
  std::tie(e.bias_half, e.bias_half_se) = mean_se_of_sums(tot.dh, tot.dhh, n);
  std::tie(e.bias_none, e.bias_none_se) = mean_se_of_sums(tot.dn, tot.dnn, n);
  e.variance_rate = e.stderr_ * e.stderr_ * n / T;
  e.lambda /= T, e.stderr_ /= T, e.bias_half /= T, e.bias_half_se /= T, e.bias_none /= T, e.bias_none_se /= T;
  for (int k = 0; k < opt.ladder; ++k) {
    const auto [m, se] = mean_se_of_sums(tot.p[k], tot.pp[k], n);
    e.ladder.push_back(m / e.horizons[k]);
    e.ladder_se.push_back(se / e.horizons[k]);
  }
  e.runs = opt.run.samples, e.burn_in = opt.burn_in, e.window = opt.window;
  return e;
}

template <class S> S lyapunov_exact(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta) {
  using std::abs;
  using std::log;
  if (in.rank() != 1) throw std::invalid_argument("lyapunov_exact: rank-one instances only");
  batch_coefficients<S>(in.N, B, s);  // validates B
  S sum(0);
  long count = 0;
  for_each_batch(in.N, B, s, [&](const std::vector<int>& batch) {
    S h(0);
    for (int i : batch) h += in.W(i, 0) * in.W(i, 0);
    sum += log(abs(S(1 - eta * h / S(B))));
    ++count;
  });
  return sum / S(static_cast<double>(count));
}

#define IRVERIFY_INST(S) template S lyapunov_exact<S>(const StabilityInstance<S>&, int, BatchSampling, const S&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
