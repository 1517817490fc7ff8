// IGR-2 (Barrett & Dherin 2021, Sec. 3; CLAIMS.md): after n = T/h GD steps from theta0,
// ||theta_n - phi^L_T(theta0)|| = Theta(h) and ||theta_n - phi^{L~}_T(theta0)|| = O(h^2), L~ = L + (h/4)||g||^2,
// on every smooth model. Negative control: L + (h/2)||g||^2 must not give order 2.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kIgrGlobalLevels = 14;

// Ladder h_k = h0 2^-k (h0 from ladder_start), horizon T = n0 h0 with n0 = ceil(1/h0), n_k = n0 2^k steps.
template <class S> Case igr_global_error_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kIgrGlobalLevels);


}  // namespace irverify
