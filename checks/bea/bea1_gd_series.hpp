// BEA-1 (CLAIMS.md BEA): the exact modified field of GD (explicit Euler on f = -g) by B-series through h^4 (trees of
// 1..5 nodes, rational coefficients): f2, f3 are IGR-1/IGR-3's coefficients exactly, the bushy and tall trees take
// their textbook values, and the truncations through h^3 and h^4 give one-step local orders 5 and 6 on every smooth
// model (mp50 ladder).
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kBeaLevels = 8;

// The exact series: trees through 8 nodes, the printed fields, the statements decided in rational arithmetic.
Case bea_gd_exact_case(const RunContext& ctx);
// One GD step against the flows of the truncated series (through h^2, h^3, h^4) and of f4 with a wrong coefficient.
template <class S> Case bea_gd_ladder_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kBeaLevels);

}  // namespace irverify
