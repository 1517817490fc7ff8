// Rank measurements on the singular values s_1 >= s_2 >= ... of a matrix W (RANK claims; theory/linalg singular_values):
//   tail(s, r)          = sqrt(sum_{k > r} s_k^2) = min over rank-r A of |W - A|_F   (Eckart-Young);
//   epsilon_rank(s, e)  = the smallest r with tail(s, r) <= e |W|_F: W/|W|_F is within e of rank r (Frobenius);
//   numerical_rank(s, z) = #{k : s_k > z s_1} (singular values at most z s_1 count as zero).
#pragma once

#include "theory/linalg/dense.hpp"

namespace irverify {

// Summed as s_1 sqrt(sum (s_k/s_1)^2), smallest first: the squares of a decayed layer's singular values (1e-200 in
// double) would underflow to 0.
template <class S> S tail_norm(const Vec<S>& s, Eigen::Index r) {
  using std::sqrt;
  if (r >= s.size() || !(s(0) > 0)) return S(0);
  S acc(0);
  for (Eigen::Index k = s.size() - 1; k >= r; --k) acc += (s(k) / s(0)) * (s(k) / s(0));
  return s(0) * sqrt(acc);
}

template <class S> int epsilon_rank(const Vec<S>& s, const S& e) {
  const S bound = e * tail_norm<S>(s, 0);
  Eigen::Index r = 0;
  while (r < s.size() && tail_norm<S>(s, r) > bound) ++r;
  return static_cast<int>(r);
}

template <class S> int numerical_rank(const Vec<S>& s, const S& z) {
  int r = 0;
  for (Eigen::Index k = 0; k < s.size(); ++k) r += s(k) > z * s(0);
  return r;
}

}  // namespace irverify
