// The accumulator of Monte Carlo means (for block_reduce; the statistics module with confidence.hpp): per-coordinate sums of n samples x_k and of their squares,
// and what they give, the mean and its standard error sd / sqrt(n) with sd^2 = (sum x^2 - n mean^2) / (n - 1)
// (0 where rounding makes it negative).
#pragma once

#include "solvers/parallel/block_reduce.hpp"
#include "theory/linalg/dense.hpp"

#include <cstring>
#include <string>
#include <type_traits>

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

// MomentSums of a trivially copyable scalar (double; not float128, whose number<> wrapper is not) cross processes as
// their bytes (block_reduce's process groups); others are computed whole on every rank.
template <class S> struct AccBytes<MomentSums<S>> : std::bool_constant<std::is_trivially_copyable_v<S>> {
  static void write(const MomentSums<S>& m, std::string& out) {
    for (const Vec<S>* v : {&m.sum, &m.sumsq}) out.append(reinterpret_cast<const char*>(v->data()), sizeof(S) * v->size());
  }
  static MomentSums<S> read(const char*& in, const MomentSums<S>& zero) {
    MomentSums<S> m = zero;
    for (Vec<S>* v : {&m.sum, &m.sumsq}) {
      std::memcpy(static_cast<void*>(v->data()), in, sizeof(S) * v->size());
      in += sizeof(S) * v->size();
    }
    return m;
  }
};

}  // namespace irverify
