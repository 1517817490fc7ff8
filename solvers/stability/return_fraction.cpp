#include "solvers/stability/return_fraction.hpp"

#include "solvers/parallel/block_reduce.hpp"
#include "theory/linalg/decompositions.hpp"
#include "theory/stability/interpolation.hpp"

#include <cmath>
#include <stdexcept>

namespace irverify {

namespace {

struct Acc {
  int returned = 0, left = 0, undecided = 0;
  double steps = 0;
  Acc& operator+=(const Acc& o) {
    returned += o.returned, left += o.left, undecided += o.undecided, steps += o.steps;
    return *this;
  }
};

}  // namespace

double distance_to_minima(const Model<double>& m, const Vec<double>& theta) {
  const Mat<double> J = output_jacobian<double>(m, theta);
  const Vec<double> r = residuals<double>(m, theta);
  const SymEigen<double> es = sym_eigen<double>(Mat<double>(J * J.transpose()), true);
  const int N = static_cast<int>(r.size());
  const double cut = 64 * N * eps<double>() * es.values(N - 1);
  Vec<double> c = es.vectors.transpose() * r;
  for (int k = 0; k < N; ++k) c(k) = es.values(k) > cut ? c(k) / es.values(k) : 0.0;
  return (J.transpose() * (es.vectors * c)).norm();
}

ReturnCounts return_fraction(const Model<double>& m, const Vec<double>& theta_star, int B, BatchSampling s, double eta,
                             const ReturnOptions& opt) {
  const int N = m.num_examples(), D = m.dim();
  batch_coefficients<double>(N, B, s);  // validates B
  if (opt.run.samples < 1 || !(opt.r0 > 0) || opt.check < 1 || opt.window < 1 || opt.horizon < 1)
    throw std::invalid_argument("return_fraction: bad options");
  const double floor = std::ldexp(eps<double>(), 20) * std::max(1.0, theta_star.lpNorm<Eigen::Infinity>());
  if (!(opt.return_factor * opt.r0 >= floor))
    throw std::invalid_argument("return_fraction: the return distance is within 2^20 eps of theta*'s rounding");
  // The range of H = (1/N) J'J at theta*: the row space of J, from the eigenvectors of J'J.
  const Mat<double> J0 = output_jacobian<double>(m, theta_star);
  const SymEigen<double> es = sym_eigen<double>(Mat<double>(J0.transpose() * J0), true);
  int rank = 0;
  while (rank < D && es.values(D - 1 - rank) > 64 * D * eps<double>() * es.values(D - 1)) ++rank;
  const Mat<double> Q = es.vectors.rightCols(rank);
  const Acc tot = block_reduce(BlockReduceOptions{opt.run, 1}, Acc{}, [&] {
    return [&, batch = Batch(B), perm = std::vector<int>(N)](long run, Acc& acc) mutable {
      CounterStream start(opt.run.seed, static_cast<std::uint32_t>(run), kReturnStartDomain);
      CounterStream rng(opt.run.seed, static_cast<std::uint32_t>(run), kReturnBatchDomain);
      Vec<double> z(rank);
      for (int k = 0; k < rank; ++k) z(k) = start.normal();
      Vec<double> th = theta_star + opt.r0 * (Q * z) / z.norm();
      int inside = 0;  // consecutive checks with d <= return_factor r0
      for (long t = 1; t <= opt.horizon; ++t) {
        opt.run.deadline.check();
        draw_batch(rng, N, s, perm, batch);
        th -= eta * m.gradient(th, batch);
        if (t % opt.check) continue;
        const double far = (th - theta_star).norm();
        if (!std::isfinite(far) || far >= opt.leave_factor * opt.r0) {
          ++acc.left;
          return;
        }
        const double d = distance_to_minima(m, th);
        inside = d <= opt.return_factor * opt.r0 ? inside + 1 : 0;
        if (inside == opt.window) {
          ++acc.returned;
          acc.steps += static_cast<double>(t);
          return;
        }
      }
      ++acc.undecided;
    };
  });
  return {tot.returned, tot.left, tot.undecided, tot.returned ? tot.steps / tot.returned : 0.0};
}

}  // namespace irverify
