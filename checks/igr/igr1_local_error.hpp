// IGR-1 (Barrett & Dherin 2021, Sec. 3; CLAIMS.md): one GD step theta1 = theta0 - h g(theta0)
// satisfies ||theta1 - phi^L_h(theta0)|| = Theta(h^2) and ||theta1 - phi^{L~}_h(theta0)|| = O(h^3),
// L~ = L + (h/4)||g||^2. Negative control: L + (h/2)||g||^2 must not give order 3.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/case.hpp"

namespace irverify {

// Default ladder length.
inline constexpr int kIgrLocalLevels = 14;

template <class S> Case igr_local_error_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kIgrLocalLevels);


}  // namespace irverify
