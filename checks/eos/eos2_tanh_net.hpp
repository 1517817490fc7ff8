// EOS-2 (CLAIMS.md EOS): GD on a small tanh net sharpens to 2/eta and hovers; the central flow (one unstable direction,
// solvers/eos/central_flow.hpp with S = lambda_max(H), grad S = T[u, u]) tracks its time average.
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr long kEos2Steps = 3000;

template <class S> Case eos_net_case(const RunContext& ctx, const ProblemSpec& spec, long steps = kEos2Steps);

}  // namespace irverify
