#include "solvers/stability/linear_growth.hpp"

#include <limits>

#include "solvers/parallel/block_reduce.hpp"
#include "theory/linalg/decompositions.hpp"

#include <cmath>
#include <stdexcept>

namespace irverify {

template <class S> S gd_linear_rate(const Mat<S>& V, const Vec<S>& delta0, const S& eta, int steps) {
  using std::log;
  if (steps < 2) throw std::invalid_argument("gd_linear_rate: steps must be >= 2");
  const S scale = eta / S(static_cast<int>(V.rows()));
  const Cholesky<S> gram(Mat<S>(V * V.transpose()));
  auto project = [&](const Vec<S>& x) { return Vec<S>(V.transpose() * gram.solve(Vec<S>(V * x))); };
  Vec<S> d = project(delta0);
  d /= d.norm();
  S log_norm(0), at_half(0);
  for (int t = 1; t <= steps; ++t) {
    const Vec<S> vd = V * d;
    d = project(Vec<S>(d - scale * (V.transpose() * vd)));
    const S nrm = d.norm();
    if (nrm == 0) return -std::numeric_limits<S>::infinity();  // I - eta H annihilated the range (e.g. rank 1, eta = 1/lambda)
    log_norm += log(nrm);
    d /= nrm;
    if (t == steps / 2) at_half = log_norm;
  }
  return (log_norm - at_half) / S(steps - steps / 2);
}

#define IRVERIFY_INST(S) template S gd_linear_rate<S>(const Mat<S>&, const Vec<S>&, const S&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace {
constexpr long kBlock = 256;


}  // namespace

GrowthEstimate mc_growth(const Mat<double>& W, int B, BatchSampling s, double eta, const Mat<double>& M0,
                         const GrowthOptions& opt) {
  const int N = static_cast<int>(W.rows()), r = static_cast<int>(W.cols());
  if (opt.run.samples < 2 || opt.steps < 1 || opt.run.threads < 1) throw std::invalid_argument("mc_growth: bad options");
  batch_coefficients<double>(N, B, s);  // validates B
  // M0^{1/2}, negative rounding-level eigenvalues clamped to zero.
  const SymEigen<double> es = sym_eigen<double>(M0, true);
  const Mat<double> root = es.vectors * es.values.cwiseMax(0.0).cwiseSqrt().asDiagonal() * es.vectors.transpose();
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> Wr = W;
  const double step = eta / B;
  const GrowthSums tot = block_reduce(BlockReduceOptions{opt.run, kBlock}, GrowthSums{}, [&] {
    return [&, z = Vec<double>(r), d = Vec<double>(r), perm = std::vector<int>(N), batch = std::vector<int>(B)](
               long smp, GrowthSums& acc) mutable {
      CounterStream rng(opt.run.seed, static_cast<std::uint32_t>(smp), kStabilityDomain);
      for (int k = 0; k < r; ++k) z(k) = rng.normal();
      d = root * z;
      const double x0 = d.squaredNorm();
      double log_scale = 0;  // |delta_t| = exp(log_scale) |d|: rescaled every 64 steps against overflow
      for (int t = 0; t < opt.steps; ++t) {
        if (t % 64 == 63) {
          const double nrm = d.norm();
          if (nrm > 1e50 || nrm < 1e-50) log_scale += std::log(nrm), d /= nrm;
        }
        draw_batch(rng, N, s, perm, batch);
        // delta -= (eta/B) sum_j w_j (w_j . delta), with the dots taken before the update.
        z.setZero();
        for (int j = 0; j < B; ++j) z.noalias() += (step * Wr.row(batch[j]).dot(d)) * Wr.row(batch[j]).transpose();
        d -= z;
      }
      const double xt = d.squaredNorm() * std::exp(2 * log_scale);  // may overflow only at horizons unused for means
      acc.add(x0, xt);
    };
  });
  return growth_estimate(tot, opt.run.samples, opt.steps);
}

GrowthEstimate growth_estimate(const GrowthSums& tot, long samples, int steps) {
  const double n = static_cast<double>(samples);
  const double m0 = tot.x0 / n, mt = tot.xt / n;
  const double v00 = (tot.x00 / n - m0 * m0) * n / (n - 1), vtt = (tot.xtt / n - mt * mt) * n / (n - 1),
               v0t = (tot.x0t / n - m0 * mt) * n / (n - 1);
  const double var_log = (vtt / (mt * mt) + v00 / (m0 * m0) - 2 * v0t / (m0 * mt)) / n;
  return {std::log(mt / m0) / steps, std::sqrt(std::max(0.0, var_log)) / steps, samples, steps};
}

}  // namespace irverify
