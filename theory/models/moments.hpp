// Second moments of a regression data set over a batch:
//   G = (1/|B|) sum x_i x_i',  c = (1/|B|) sum y_i x_i,  syy = (1/|B|) sum y_i^2,
// so that (1/|B|) sum 1/2 (x_i.beta - y_i)^2 = 1/2 beta'G beta - c'beta + syy/2.
#pragma once

#include "theory/models/model.hpp"

#include <stdexcept>

namespace irverify {

template <class S> struct Moments {
  Mat<S> G;
  Vec<S> c;
  S syy;
};

template <class S> Moments<S> batch_moments(const Mat<S>& X, const Vec<S>& y, const Batch& b) {
  if (b.empty()) throw std::invalid_argument("empty batch");
  const Eigen::Index p = X.cols();
  Moments<S> m{Mat<S>::Zero(p, p), Vec<S>::Zero(p), S(0)};
  for (int i : b) {
    m.G.noalias() += X.row(i).transpose() * X.row(i);
    m.c += y(i) * X.row(i).transpose();
    m.syy += y(i) * y(i);
  }
  const S n = S(static_cast<int>(b.size()));
  m.G /= n;
  m.c /= n;
  m.syy /= n;
  return m;
}

}  // namespace irverify
