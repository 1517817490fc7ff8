// The accumulator of Monte Carlo means (for block_reduce): per-coordinate sums of n samples x_k and of their squares,
// and what they give, the mean and its standard error sd / sqrt(n) with sd^2 = (sum x^2 - n mean^2) / (n - 1)
// (0 where rounding makes it negative).
#pragma once

#include "theory/compat/eigen_multiprecision.hpp"

namespace irverify {

template <class S> struct MomentSums {
  Vec<S> sum, sumsq;
  explicit MomentSums(Eigen::Index size = 0) : sum(Vec<S>::Zero(size)), sumsq(Vec<S>::Zero(size)) {}
  void add(const Vec<S>& x) { add(0, x); }
  void add(Eigen::Index at, const Vec<S>& x) {  // x into coordinates at .. at + x.size() - 1
    sum.segment(at, x.size()) += x;
    sumsq.segment(at, x.size()) += x.cwiseProduct(x);
  }
  MomentSums& operator+=(const MomentSums& o) {
    sum += o.sum;
    sumsq += o.sumsq;
    return *this;
  }
  Vec<S> mean(long n) const { return sum / S(n); }
  Vec<S> std_error(long n) const {
    using std::sqrt;
    const S N(n);
    Vec<S> se(sum.size());
    for (Eigen::Index i = 0; i < sum.size(); ++i) {
      const S m = sum(i) / N, var = (sumsq(i) - N * m * m) / (N - 1);
      se(i) = var > 0 ? S(sqrt(var / N)) : S(0);
    }
    return se;
  }
};

}  // namespace irverify
