// The interpolator of minimal weighted l1 norm (CLAIMS.md LN-3; the balanced end point of the flow of tr H/4 on
// diag-uv, where tr H = sum_k s_k (u_k^2 + v_k^2) >= 2 sum_k s_k |u_k v_k|, equality iff |u_k| = |v_k|):
//   min sum_k w_k |beta_k|  subject to  X beta = y,  w > 0,
// as the linear program over beta = b+ - b-, b+/- >= 0, solved by GLPK's simplex (double). The optimal vertex is
// then refined in S: its support K (|beta_k| > 1e-9 max|beta|) and beta_K the solution of X_K beta_K = y (normal
// equations; K has independent columns at a vertex), so the answer carries S's digits, not GLPK's.
#pragma once

#include "theory/scalar.hpp"
#include "theory/linalg/dense.hpp"

#include <vector>

namespace irverify {

template <class S> struct WeightedL1 {
  Vec<S> beta;
  std::vector<int> support;
  S objective;
  S residual;  // |X beta - y| after refinement
};

// Throws std::runtime_error if GLPK finds no optimum (infeasible: y outside the range of X).
template <class S> WeightedL1<S> min_weighted_l1(const Mat<S>& X, const Vec<S>& y, const Vec<S>& w);

}  // namespace irverify
