#include "solvers/ln/label_noise.hpp"

#include "solvers/iterate/iterate.hpp"
#include "solvers/ln/label_noise_lanes.hpp"
#include "solvers/parallel/block_reduce.hpp"
#include "solvers/stats/moment_sums.hpp"
#include "theory/scalar.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>

namespace irverify {

template <class S>
LabelNoiseStep<S>::LabelNoiseStep(const Model<S>& m, const LabelNoise<S>& ln, std::uint64_t seed, std::uint64_t run)
    : m_(m), ls_(dynamic_cast<const LeastSquares<S>*>(&m)), ln_(ln), seed_(seed),
      rng_(seed, run_stream(run, "label noise"), kLabelNoiseDomain), sampler_(m.num_examples(), ln.batch, ln.sampling),
      step_(m.dim()), r_(ln.batch), noise_{ln.sigma, S(-ln.sigma)} {}

template <class S> void LabelNoiseStep<S>::restart(std::uint64_t run) {
  rng_.reset(seed_, run_stream(run, "label noise"), kLabelNoiseDomain);
  signs_ = {};
}

template <class S> void LabelNoiseStep<S>::operator()(Vec<S>& theta) { add_gradient(theta, S(-ln_.eta), theta); }

template <class S> void LabelNoiseStep<S>::add_gradient(const Vec<S>& theta, const S& w, Vec<S>& out) {
  const std::vector<std::uint32_t>& batch = sampler_.draw(rng_);
  const S c = w / ln_.batch;
  if (!ls_) {  // every residual at theta, then c (r_i - s sigma) summed over the output gradients at theta
    m_.residuals(theta, batch, r_);
    for (Eigen::Index j = 0; j < r_.size(); ++j) r_(j) = c * (r_(j) + noise());
    step_.setZero();
    m_.add_output_gradients(theta, batch, r_, step_);
    out += step_;
    return;
  }
  // Least squares, v_i = x_i (contiguous rows of the row-major copy): every scaled residual c (r_i - s sigma) first
  // (so out may be theta), then out += sum_j c_j x_{i_j} in passes of up to four rows, each one fused loop (no
  // gradient buffer).
  const auto& X = ls_->rows();
  const int B = static_cast<int>(batch.size());
  for (int j = 0; j < B; ++j) r_(j) = c * (S(X.row(batch[j]).dot(theta.transpose())) - ls_->y()(batch[j]) + noise());
  for (int j = 0; j < B; j += 4) {
    const auto x = [&](int k) { return X.row(batch[j + k]).transpose(); };
    switch (std::min(4, B - j)) {
      case 4: out.noalias() += r_(j) * x(0) + r_(j + 1) * x(1) + r_(j + 2) * x(2) + r_(j + 3) * x(3); break;
      case 3: out.noalias() += r_(j) * x(0) + r_(j + 1) * x(1) + r_(j + 2) * x(2); break;
      case 2: out.noalias() += r_(j) * x(0) + r_(j + 1) * x(1); break;
      default: out.noalias() += r_(j) * x(0);
    }
  }
}

namespace {
// n steps of a Monte Carlo run, the deadline checked every 1024 steps (at most 8192 examples drawn between checks:
// DeadlineCheck::per_batch) and finiteness once at the end (iterate_checked_at_end, solvers/iterate/iterate.hpp):
// checking every step cost a tenth of a least-squares step at d = 16.
template <class S> void advance(LabelNoiseStep<S>& step, Vec<S>& x, long n, const Deadline& deadline) {
  iterate_checked_at_end(step, x, n, DeadlineCheck::per_batch(&deadline, step.batch()), "label noise");
}

// Sums of d, of d d' and of (d_i d_j)^2, the P x P ones stored column-major as vectors (a Mat member trips a false
// -Wstringop-overflow in GCC 12 when block_reduce copies the accumulator in float128).
template <class S> struct Sums {
  Vec<S> d, dd, dd2;
  Sums& operator+=(const Sums& o) {
    d += o.d;
    dd += o.dd;
    dd2 += o.dd2;
    return *this;
  }
};
}  // namespace

template <class S>
LabelNoiseMoments<S> label_noise_moments(const Model<S>& m, const LabelNoise<S>& ln, const Vec<S>& theta0,
                                         const Vec<S>& ref, const LabelNoiseMcOptions& opt, const Mat<S>& proj) {
  using std::sqrt;
  if (opt.run.samples < 2 || opt.steps < 0 || opt.from > opt.steps)
    throw std::invalid_argument("label_noise_moments: need runs >= 2, steps >= 0, from <= steps");
  const bool window = opt.from >= 0;
  const bool projected = proj.size() > 0;
  if (projected && proj.cols() != theta0.size())
    throw std::invalid_argument("label_noise_moments: the projection's columns must match the parameters");
  const int P = static_cast<int>(projected ? proj.rows() : theta0.size());
  const Sums<S> zero{Vec<S>::Zero(P), Vec<S>::Zero(P * P), Vec<S>::Zero(P * P)};
  // A run's displacement x (theta - ref or the window's theta_b - theta_a) into the sums.
  const auto account = [&](const Vec<S>& x, Vec<S>& d, Mat<S>& dd, Sums<S>& acc) {
    if (projected) d.noalias() = proj * x;
    else d = x;
    dd.noalias() = d * d.transpose();
    const Eigen::Map<const Vec<S>> flat(dd.data(), P * P);
    acc.d += d;
    acc.dd += flat;
    acc.dd2 += flat.cwiseProduct(flat);
  };
  const BlockReduceOptions blocks{opt.run, 64};
  const auto reduce = [&]() -> Sums<S> {
    if constexpr (std::is_same_v<S, double>)
      if (LabelNoiseLanes::steps_faster(m, ln))  // eight runs in the lanes (the same bits, a tape model's up to rounding)
        return block_reduce_blocks(blocks, zero, [&] {
          return [&, lanes = LabelNoiseLanes(m, ln, opt.run.seed), x = Vec<S>(), x0 = std::vector<Vec<S>>(LabelNoiseLanes::kLanes),
                  d = Vec<S>(P), dd = Mat<S>(P, P)](long first, long last, Sums<S>& acc) mutable {
            for (long k0 = first; k0 < last; k0 += LabelNoiseLanes::kLanes) {
              const int g = static_cast<int>(std::min<long>(LabelNoiseLanes::kLanes, last - k0));
              lanes.start(k0, g, theta0);
              if (window) {
                lanes.advance(opt.from, opt.run.deadline);
                for (int l = 0; l < g; ++l) lanes.get(l, x0[l]);
              }
              lanes.advance(window ? opt.steps - opt.from : opt.steps, opt.run.deadline);
              for (int l = 0; l < g; ++l) {
                lanes.get(l, x);
                x -= window ? x0[l] : ref;
                account(x, d, dd, acc);
              }
            }
          };
        });
    return block_reduce(blocks, zero, [&] {
      return [&, x = Vec<S>(theta0.size()), x0 = Vec<S>(theta0.size()), d = Vec<S>(P), dd = Mat<S>(P, P),
              step = LabelNoiseStep<S>(m, ln, opt.run.seed, 0)](long k, Sums<S>& acc) mutable {
        x = theta0;
        step.restart(static_cast<std::uint64_t>(k));
        if (window) {
          advance(step, x, opt.from, opt.run.deadline);
          x0 = x;
          advance(step, x, opt.steps - opt.from, opt.run.deadline);
          x -= x0;
        } else {
          advance(step, x, opt.steps, opt.run.deadline);
          x -= ref;
        }
        account(x, d, dd, acc);
      };
    });
  };
  const Sums<S> tot = reduce();
  const S n(opt.run.samples);
  LabelNoiseMoments<S> r;
  r.runs = opt.run.samples;
  r.steps = opt.steps;
  const Vec<S> md = tot.d / n;
  const Mat<S> mdd = Eigen::Map<const Mat<S>>(tot.dd.data(), P, P) / n;
  r.mean = projected || window ? md : Vec<S>(ref + md);
  r.cov = (mdd - md * md.transpose()) * (n / (n - 1));
  r.mean_se.resize(P);
  r.cov_se.resize(P, P);
  for (int i = 0; i < P; ++i) {
    const S var = mdd(i, i) - md(i) * md(i);
    r.mean_se(i) = var > 0 ? S(sqrt(var / (n - 1))) : S(0);
    for (int j = 0; j < P; ++j) {
      const S v2 = tot.dd2(j * P + i) / n - mdd(i, j) * mdd(i, j);
      r.cov_se(i, j) = v2 > 0 ? S(sqrt(v2 / (n - 1))) : S(0);
    }
  }
  return r;
}

template <class S>
LabelNoisePath<S> label_noise_path(const Model<S>& m, const LabelNoise<S>& ln, const Vec<S>& theta0,
                                   const std::vector<long>& at, const LabelNoiseMcOptions& opt,
                                   const std::function<Vec<S>(const Vec<S>&)>& map) {
  if (opt.run.samples < 2 || at.empty() || at.front() < 0 || !std::is_sorted(at.begin(), at.end()))
    throw std::invalid_argument("label_noise_path: need runs >= 2 and ascending steps >= 0");
  const int P = static_cast<int>(map(theta0).size()), C = static_cast<int>(at.size());
  const BlockReduceOptions blocks{opt.run, 16};
  const auto reduce = [&]() -> MomentSums<S> {
    if constexpr (std::is_same_v<S, double>)
      if (LabelNoiseLanes::steps_faster(m, ln))  // eight runs in the lanes (the same bits, a tape model's up to rounding)
        return block_reduce_blocks(blocks, MomentSums<S>(C * P), [&] {
          return [&, lanes = LabelNoiseLanes(m, ln, opt.run.seed), x = Vec<S>()](long first, long last,
                                                                                       MomentSums<S>& acc) mutable {
            for (long k0 = first; k0 < last; k0 += LabelNoiseLanes::kLanes) {
              const int g = static_cast<int>(std::min<long>(LabelNoiseLanes::kLanes, last - k0));
              lanes.start(k0, g, theta0);
              long done = 0;
              for (int c = 0; c < C; ++c) {  // each sum entry takes its runs in run order, as below
                lanes.advance(at[c] - done, opt.run.deadline);
                done = at[c];
                for (int l = 0; l < g; ++l) {
                  lanes.get(l, x);
                  acc.add(c * P, map(x));
                }
              }
            }
          };
        });
    return block_reduce(blocks, MomentSums<S>(C * P), [&] {
      return [&, x = Vec<S>(theta0.size()), step = LabelNoiseStep<S>(m, ln, opt.run.seed, 0)](long k, MomentSums<S>& acc) mutable {
        x = theta0;
        step.restart(static_cast<std::uint64_t>(k));
        long done = 0;
        for (int c = 0; c < C; ++c) {
          advance(step, x, at[c] - done, opt.run.deadline);
          done = at[c];
          acc.add(c * P, map(x));
        }
      };
    });
  };
  const MomentSums<S> tot = reduce();
  const Vec<S> mean = tot.mean(opt.run.samples), se = tot.std_error(opt.run.samples);
  LabelNoisePath<S> r;
  r.runs = opt.run.samples;
  for (int c = 0; c < C; ++c) {
    r.mean.push_back(mean.segment(c * P, P));
    r.se.push_back(se.segment(c * P, P));
  }
  return r;
}

#define IRVERIFY_INST(S)                                                                                              \
  template LabelNoisePath<S> label_noise_path<S>(const Model<S>&, const LabelNoise<S>&, const Vec<S>&,            \
                                                 const std::vector<long>&, const LabelNoiseMcOptions&,            \
                                                 const std::function<Vec<S>(const Vec<S>&)>&);                    \
  template class LabelNoiseStep<S>;                                                                                 \
  template LabelNoiseMoments<S> label_noise_moments<S>(const Model<S>&, const LabelNoise<S>&, const Vec<S>&,      \
                                                       const Vec<S>&, const LabelNoiseMcOptions&, const Mat<S>&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
