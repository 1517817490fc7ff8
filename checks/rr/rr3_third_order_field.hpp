// RR-3 (CLAIMS.md "RR", derived): the exact mean over all m! orders of one shuffled-SGD epoch against the flows of
// F0 + eps F1 (Smith et al.: local order 3) and F0 + eps F1 + eps^2 F2 (local order 4) for time m eps
// (theory/losses/reshuffling_field.hpp). Controls: F2 without its T terms (where T != 0), GD's f3 of the full loss.
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kRr3Levels = 12;

template <class S> Case rr_third_order_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kRr3Levels);

}  // namespace irverify
