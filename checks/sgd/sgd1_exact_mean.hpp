// SGD-1 (Smith et al. 2021, Sec. 3; CLAIMS.md): the exact epoch mean over all m! orders against the flows of L
// (order 2) and of L~SGD = L + (eps/4m) sum_k ||g_k||^2 (order 3); single orders spread as eps^2.
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kSgdLevels = 12;

template <class S> Case sgd_exact_mean_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kSgdLevels);

}  // namespace irverify
