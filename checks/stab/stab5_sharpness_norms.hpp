// STAB-5 (CLAIMS.md): sharpness of interpolating minima in terms of the weights, at exact minima (mp50).
//   diag-uv:    tr H = sum_k s_k (u_k^2 + v_k^2) >= 2 sum_k s_k |beta_k|, gap sum_k s_k (|u_k| - |v_k|)^2, so equality iff
//               |u_k| = |v_k| wherever s_k > 0 (s_k = (1/N) sum_i x_ik^2);
//   diag-uu-vv: tr H = 4 sum_k s_k (u_k^2 + v_k^2) >= 4 sum_k s_k |beta_k|, equality iff u_k v_k = 0;
//   two-layer ReLU: tr H = (1/N) sum_i |grad_theta f(x_i)|^2, and (derived: AM-GM per active unit, and
//               relu(w.x)^2 <= |w|^2 |x|^2) (2/N) sum_i |x_i| |y_i| <= tr H <= (1/N) sum_i |x_i|^2 |theta|^2.
//               (The identity holds off interpolation too: f's Hessian has zero trace for ReLU.)
// H is the model's full Hessian (theory/models); the minima are constructed exactly (balanced and unbalanced) and
// found by Gauss-Newton from theta0.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/case.hpp"

namespace irverify {

template <class S> Case stab_sharpness_norms_case(const RunContext& ctx, const ProblemSpec& spec);

}  // namespace irverify
