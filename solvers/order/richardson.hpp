// Richardson extrapolation on a halving ladder (Neville's table, ratio 2): for D_k = C + c1 x_k + c2 x_k^2 + ...,
// x_k = x0 2^-k, k < K, column j removes the x^j term; the result is the last diagonal entry and its change from
// the previous column (an error estimate). Exact where D is a polynomial of degree < K in x.
#pragma once

#include "theory/linalg/dense.hpp"

#include <cmath>
#include <utility>
#include <vector>

namespace irverify {

template <class S> std::pair<Vec<S>, S> richardson(std::vector<Vec<S>> t) {
  const int K = static_cast<int>(t.size());
  Vec<S> prev_col_last = t.back();
  for (int j = 1; j < K; ++j) {
    prev_col_last = t.back();
    const S f = S(std::ldexp(1.0, j) - 1);
    for (int k = K - 1; k >= j; --k) t[k] = t[k] + (t[k] - t[k - 1]) / f;
  }
  return {t.back(), S((t.back() - prev_col_last).norm())};
}

}  // namespace irverify
