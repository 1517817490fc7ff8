#include "solvers/stability/momentum_threshold.hpp"

#include "solvers/parallel/block_reduce.hpp"
#include "theory/linalg/decompositions.hpp"

#include <cmath>
#include <stdexcept>

#include <Eigen/LU>

namespace irverify {

namespace {
// T(Z) for a symmetric 2r x 2r Z.
template <class S>
Mat<S> apply_momentum_map(const StabilityOperators<S>& ops, const Vec<S>& lambda, const Mat<S>& Cm, const S& eta,
                          const S& beta, const Mat<S>& Z) {
  const int r = static_cast<int>(lambda.size());
  const Mat<S> Z11 = Z.topLeftCorner(r, r), Z12 = Z.topRightCorner(r, r), Z22 = Z.bottomRightCorner(r, r);
  const S p = 1 + beta;
  const Vec<S> mbar = Vec<S>::Constant(r, p) - eta * lambda;  // Mbar = diag(mbar)
  Mat<S> HX = lambda.asDiagonal() * Z11;
  const Mat<S> CZ = ops.basis.smat(Vec<S>(Cm * ops.basis.svec(Z11)));
  const Mat<S> EMXM = (p * p) * Z11 - (p * eta) * Mat<S>(HX + HX.transpose()) + (eta * eta) * CZ;
  const Mat<S> MZ12 = mbar.asDiagonal() * Z12;
  Mat<S> out(2 * r, 2 * r);
  out.topLeftCorner(r, r) = EMXM - beta * Mat<S>(MZ12 + MZ12.transpose()) + (beta * beta) * Z22;
  const Mat<S> N12 = Mat<S>(mbar.asDiagonal() * Z11) - beta * Mat<S>(Z12.transpose());
  out.topRightCorner(r, r) = N12;
  out.bottomLeftCorner(r, r) = N12.transpose();
  out.bottomRightCorner(r, r) = Z11;
  return out;
}
}  // namespace

template <class S>
Mat<S> momentum_moment_operator(const StabilityOperators<S>& ops, const Vec<S>& lambda, const BatchCoefficients<S>& c,
                                const S& eta, const S& beta) {
  const int r = static_cast<int>(lambda.size());
  const SymBasis big{2 * r};
  const Mat<S> Cm = ops.C(c);
  const int n = big.size();
  Mat<S> T(n, n);
  for (int k = 0; k < n; ++k) {
    Vec<S> e = Vec<S>::Zero(n);
    e(k) = S(1);
    T.col(k) = big.svec(apply_momentum_map<S>(ops, lambda, Cm, eta, beta, big.smat(e)));
  }
  return T;
}

template <class S>
bool momentum_ms_stable(const StabilityOperators<S>& ops, const Vec<S>& lambda, const BatchCoefficients<S>& c, const S& eta,
                        const S& beta) {
  const int r = static_cast<int>(lambda.size());
  const SymBasis big{2 * r};
  const Mat<S> T = momentum_moment_operator<S>(ops, lambda, c, eta, beta);
  const Mat<S> I_T = Mat<S>::Identity(T.rows(), T.cols()) - T;
  const Vec<S> x = I_T.partialPivLu().solve(big.svec(Mat<S>(Mat<S>::Identity(2 * r, 2 * r))));
  const Mat<S> X = big.smat(x);
  return Cholesky<S>(X).ok();
}

template <class S>
MomentumThreshold<S> momentum_ms_threshold(const StabilityOperators<S>& ops, const Vec<S>& lambda,
                                           const BatchCoefficients<S>& c, const S& beta, const S& rel_width) {
  MomentumThreshold<S> t{S(0), S(2 * (1 + beta) / lambda(0)), 0};
  ++t.evaluations;
  if (momentum_ms_stable<S>(ops, lambda, c, t.hi, beta)) {
    t.lo = t.hi;
    return t;
  }
  while (t.hi - t.lo > rel_width * t.hi) {
    const S mid = (t.lo + t.hi) / 2;
    ++t.evaluations;
    (momentum_ms_stable<S>(ops, lambda, c, mid, beta) ? t.lo : t.hi) = mid;
  }
  return t;
}

template <class S> S momentum_predicted_rate(const Mat<S>& T, int r, int steps) {
  using std::log;
  const SymBasis big{2 * r};
  Vec<S> x = big.svec(Mat<S>(Mat<S>::Identity(2 * r, 2 * r)));
  for (int t = 0; t < steps; ++t) x = T * x;
  return S(log(S(big.smat(x).trace() / (2 * r)))) / steps;
}

namespace {
constexpr long kMomentumBlock = 256;
}  // namespace

GrowthEstimate momentum_mc_growth(const Mat<double>& W, int B, BatchSampling s, double eta, double beta, const GrowthOptions& opt) {
  const int N = static_cast<int>(W.rows()), r = static_cast<int>(W.cols());
  if (opt.run.samples < 2 || opt.steps < 1 || opt.run.threads < 1) throw std::invalid_argument("momentum_mc_growth: bad options");
  batch_coefficients<double>(N, B, s);  // validates B
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> Wr = W;
  const double step = eta / B;
  const GrowthSums tot = block_reduce(BlockReduceOptions{opt.run, kMomentumBlock}, GrowthSums{}, [&] {
    return [&, d = Vec<double>(r), prev = Vec<double>(r), z = Vec<double>(r), perm = std::vector<int>(N),
            batch = std::vector<int>(B)](long smp, GrowthSums& acc) mutable {
      CounterStream rng(opt.run.seed, static_cast<std::uint32_t>(smp), kMomentumGrowthDomain);
      for (int k = 0; k < r; ++k) d(k) = rng.normal();
      for (int k = 0; k < r; ++k) prev(k) = rng.normal();
      const double x0 = d.squaredNorm() + prev.squaredNorm();
      for (int t = 0; t < opt.steps; ++t) {
        draw_batch(rng, N, s, perm, batch);
        // delta' = (1 + beta) delta - beta delta_prev - (eta/B) sum_j w_j (w_j . delta)
        z.setZero();
        for (int j = 0; j < B; ++j) z.noalias() += (step * Wr.row(batch[j]).dot(d)) * Wr.row(batch[j]).transpose();
        z = (1 + beta) * d - beta * prev - z;
        prev = d;
        d = z;
      }
      const double xt = d.squaredNorm() + prev.squaredNorm();
      acc.add(x0, xt);
    };
  });
  return growth_estimate(tot, opt.run.samples, opt.steps);
}

#define IRVERIFY_INST(S)                                                                                            \
  template Mat<S> momentum_moment_operator<S>(const StabilityOperators<S>&, const Vec<S>&, const BatchCoefficients<S>&, \
                                              const S&, const S&);                                                 \
  template bool momentum_ms_stable<S>(const StabilityOperators<S>&, const Vec<S>&, const BatchCoefficients<S>&,      \
                                      const S&, const S&);                                                          \
  template MomentumThreshold<S> momentum_ms_threshold<S>(const StabilityOperators<S>&, const Vec<S>&,               \
                                                         const BatchCoefficients<S>&, const S&, const S&);      \
  template S momentum_predicted_rate<S>(const Mat<S>&, int, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
