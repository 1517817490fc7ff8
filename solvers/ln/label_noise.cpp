#include "solvers/ln/label_noise.hpp"

#include "solvers/iterate/iterate.hpp"
#include "solvers/parallel/block_reduce.hpp"
#include "theory/scalar.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace irverify {

namespace {
// The batch size, checked before anything is sized by it.
int checked_batch(int B, int N, BatchSampling s, std::uint64_t run) {
  if (run >> 32) throw std::invalid_argument("label noise: run index >= 2^32");
  if (B < 1 || (s == BatchSampling::WithoutReplacement && B > N))
    throw std::invalid_argument("label noise: need 1 <= B (and B <= N without replacement)");
  return B;
}
}  // namespace

template <class S>
LabelNoiseStep<S>::LabelNoiseStep(const Model<S>& m, const LabelNoise<S>& ln, std::uint64_t run)
    : m_(m), ls_(dynamic_cast<const LeastSquares<S>*>(&m)), ln_(ln),
      rng_(ln.seed, static_cast<std::uint32_t>(run), kLabelNoiseDomain), perm_(m.num_examples()),
      batch_(checked_batch(ln.batch, m.num_examples(), ln.sampling, run)), step_(m.dim()) {}

template <class S> void LabelNoiseStep<S>::restart(std::uint64_t run) {
  checked_batch(ln_.batch, m_.num_examples(), ln_.sampling, run);
  rng_ = CounterStream(ln_.seed, static_cast<std::uint32_t>(run), kLabelNoiseDomain);
  signs_left_ = 0;
}

template <class S> bool LabelNoiseStep<S>::sign() {
  if (signs_left_ == 0) {
    signs_ = rng_.next_u32();
    signs_left_ = 32;
  }
  const bool up = signs_ & 1u;
  signs_ >>= 1;
  --signs_left_;
  return up;
}

template <class S> void LabelNoiseStep<S>::draw() {
  const int N = m_.num_examples(), B = static_cast<int>(batch_.size());
  if (ln_.sampling == BatchSampling::WithReplacement) {
    for (int j = 0; j < B; ++j) batch_[j] = static_cast<int>(rng_.bounded(static_cast<std::uint32_t>(N)));
    return;
  }
  std::iota(perm_.begin(), perm_.end(), 0);  // a partial Fisher-Yates shuffle: the first B of a uniform permutation
  for (int j = 0; j < B; ++j) {
    std::swap(perm_[j], perm_[j + static_cast<int>(rng_.bounded(static_cast<std::uint32_t>(N - j)))]);
    batch_[j] = perm_[j];
  }
}

template <class S> void LabelNoiseStep<S>::operator()(Vec<S>& theta) {
  draw();
  step_.setZero();
  if (ls_) {  // v_i = x_i, contiguous in the row-major copy
    for (int i : batch_) {
      const auto x = ls_->rows().row(i);
      const S r = S(x.dot(theta.transpose())) - ls_->y()(i);
      step_.noalias() += (sign() ? S(r - ln_.sigma) : S(r + ln_.sigma)) * x.transpose();
    }
  } else {
    for (int i : batch_) {
      const S r = m_.residual(theta, i);
      step_ += (sign() ? S(r - ln_.sigma) : S(r + ln_.sigma)) * m_.output_gradient(theta, i);
    }
  }
  theta -= (ln_.eta / ln_.batch) * step_;
}

namespace {
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
  if (opt.runs < 2 || opt.steps < 0 || opt.from > opt.steps)
    throw std::invalid_argument("label_noise_moments: need runs >= 2, steps >= 0, from <= steps");
  const bool window = opt.from >= 0;
  const bool projected = proj.size() > 0;
  if (projected && proj.cols() != theta0.size())
    throw std::invalid_argument("label_noise_moments: the projection's columns must match the parameters");
  const int P = static_cast<int>(projected ? proj.rows() : theta0.size());
  const Sums<S> zero{Vec<S>::Zero(P), Vec<S>::Zero(P * P), Vec<S>::Zero(P * P)};
  const Sums<S> tot = block_reduce(BlockReduceOptions{opt.runs, 64, opt.threads, opt.progress}, zero, [&] {
    return [&, x = Vec<S>(theta0.size()), x0 = Vec<S>(theta0.size()), d = Vec<S>(P), dd = Mat<S>(P, P),
            step = LabelNoiseStep<S>(m, ln, 0)](long k, Sums<S>& acc) mutable {
      x = theta0;
      step.restart(static_cast<std::uint64_t>(k));
      if (window) {
        iterate(step, x, opt.from);
        x0 = x;
        iterate(step, x, opt.steps - opt.from);
        x -= x0;
      } else {
        iterate(step, x, opt.steps);
        x -= ref;
      }
      if (projected) d.noalias() = proj * x;
      else d = x;
      dd.noalias() = d * d.transpose();
      const Eigen::Map<const Vec<S>> flat(dd.data(), P * P);
      acc.d += d;
      acc.dd += flat;
      acc.dd2 += flat.cwiseProduct(flat);
    };
  });
  const S n(opt.runs);
  LabelNoiseMoments<S> r;
  r.runs = opt.runs;
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

namespace {
template <class S> struct PathSums {
  Vec<S> s, s2;
  PathSums& operator+=(const PathSums& o) {
    s += o.s;
    s2 += o.s2;
    return *this;
  }
};
}  // namespace

template <class S>
LabelNoisePath<S> label_noise_path(const Model<S>& m, const LabelNoise<S>& ln, const Vec<S>& theta0,
                                   const std::vector<long>& at, const LabelNoiseMcOptions& opt,
                                   const std::function<Vec<S>(const Vec<S>&)>& map) {
  using std::sqrt;
  if (opt.runs < 2 || at.empty() || at.front() < 0 || !std::is_sorted(at.begin(), at.end()))
    throw std::invalid_argument("label_noise_path: need runs >= 2 and ascending steps >= 0");
  const int P = static_cast<int>(map(theta0).size()), C = static_cast<int>(at.size());
  const PathSums<S> zero{Vec<S>::Zero(C * P), Vec<S>::Zero(C * P)};
  const PathSums<S> tot = block_reduce(BlockReduceOptions{opt.runs, 16, opt.threads, opt.progress}, zero, [&] {
    return [&, x = Vec<S>(theta0.size()), y = Vec<S>(P), step = LabelNoiseStep<S>(m, ln, 0)](long k,
                                                                                              PathSums<S>& acc) mutable {
      x = theta0;
      step.restart(static_cast<std::uint64_t>(k));
      long done = 0;
      for (int c = 0; c < C; ++c) {
        iterate(step, x, at[c] - done);
        done = at[c];
        y = map(x);
        acc.s.segment(c * P, P) += y;
        acc.s2.segment(c * P, P) += y.cwiseProduct(y);
      }
    };
  });
  const S n(opt.runs);
  LabelNoisePath<S> r;
  r.runs = opt.runs;
  for (int c = 0; c < C; ++c) {
    const Vec<S> mu = tot.s.segment(c * P, P) / n;
    Vec<S> se(P);
    for (int i = 0; i < P; ++i) {
      const S var = tot.s2(c * P + i) / n - mu(i) * mu(i);
      se(i) = var > 0 ? S(sqrt(var / (n - 1))) : S(0);
    }
    r.mean.push_back(mu);
    r.se.push_back(se);
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
