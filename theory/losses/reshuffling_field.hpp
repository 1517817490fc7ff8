// RR-3 (CLAIMS.md "RR", derived): averaged over the m! orders of m equal batches (losses L_k, g_k = grad L_k,
// G_k = Hessian of L_k, T_k its third derivative; bars are means over k), the epoch of shuffled SGD follows to
// O(eps^4) the flow for time m eps of w' = F0 + eps F1 + eps^2 F2 with
//   F0 = -gbar,  F1 = -(1/(2m)) S,  S = sum_k G_k g_k                          (Smith et al.'s field),
//   F2 = (1/m)[E3 - (m/4)(Gbar S + sum_k (T_k[gbar,g_k] + G_k G_k gbar)) + (m^3/6)(Gbar Gbar gbar + Tbar[gbar,gbar])],
//   E3 = -(1/6) sum_{jkl distinct} G_j G_k g_l - (1/4) sum_{j!=k} T_j[g_k,g_k] - (1/6) sum_{jkl distinct} T_j[g_k,g_l].
// With a = sum_k g_k and A = sum_k G_k the distinct sums expand by inclusion-exclusion, and the A A a and
// T_A[a,a] terms cancel:
//   m F2 = sum_j G_j [-(1/12)(G_j a + S) + (1/6) A g_j - (1/3) G_j g_j]
//          - (1/12)(sum_{j,k} T_j[g_k,g_k] + sum_j T_j[g_j,g_j] - sum_j T_j[g_j,a]),
// which is what the tape records (m^2 + 3m forward passes for the G_j products, T_j[g_k,g_k] by second-order forward
// mode along the same passes, T_j[g_j,a] by polarization). m = 1 gives GD's f3 = -(1/3) H^2 g - (1/12) T[g,g] (IGR-3).
#pragma once

#include "theory/models/model.hpp"

namespace irverify {

enum class ReshufflingF2 {
  none,       // F0 + eps F1: Smith et al.'s flow
  derived,    // F2 as above (the claim)
  without_T,  // F2 without its T terms (negative control)
  gd_f3,      // GD's f3 of the full loss, -(1/3) Gbar^2 gbar - (1/12) Tbar[gbar,gbar] (negative control)
};

template <class S> Program<S> reshuffling_field(const Model<S>& m, const Partition& p, const S& eps, ReshufflingF2 f2);

// Instantiated once per scalar in theory/losses/instantiate.cpp (declared extern here, so users do not compile it again).
#define IRVERIFY_RESHUFFLING_FIELD_INSTANCES(PREFIX, S) \
  PREFIX template Program<S> reshuffling_field<S>(const Model<S>&, const Partition&, const S&, ReshufflingF2);
#define IRVERIFY_EXTERN(S) IRVERIFY_RESHUFFLING_FIELD_INSTANCES(extern, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN)
#undef IRVERIFY_EXTERN

}  // namespace irverify
