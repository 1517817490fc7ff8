// EOS-1 (CLAIMS.md EOS): on the toy L = (1/2) s(y, z) x^2 + l(y, z), s = S0 + y + c z^2, l = -a y + (1/2) k (z - z*)^2,
// GD sharpens to 2/eta and settles on a period-2 orbit whose time average is the central flow's fixed point; the
// central flow tracks time-averaged GD far better than gradient flow (solvers/eos/central_flow.hpp).
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr long kEos1Steps = 6000;        // tracking horizon (steps)
inline constexpr long kEos1FixedSteps = 40000;  // GD steps to the period-2 orbit (fixed-point digits)

template <class S> Case eos_toy_case(const RunContext& ctx, long steps = kEos1Steps, long fixed_steps = kEos1FixedSteps);

}  // namespace irverify
