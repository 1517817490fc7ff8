// IGR-5 (Barrett & Dherin 2021, Sec. 6; CLAIMS.md): the explicit regularizer L + mu |g|^2 flattens the flow's
// limit; mu = h/4 reproduces GD's limit to O(h^2). Set-up shared with IGR-4: checks/igr/flat_minima_study.hpp.
#pragma once

#include "checks/igr/igr4_flat_minima.hpp"  // kFlatMinimaLevels: IGR-5 runs on the IGR-4 ladder

namespace irverify {

inline constexpr int kMuGridSize = 7;  // mu = (h0/4) 2^-j, j < 7, and mu = 0

template <class S> Case igr_explicit_regularizer_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kFlatMinimaLevels);

}  // namespace irverify
