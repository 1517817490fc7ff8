// BEA-2 (CLAIMS.md BEA): the expected epoch of shuffled SGD (m Euler steps, one per batch, in a uniformly random order)
// as a B-series over trees coloured by batch, averaged exactly over the m! orders, m = 1..10; its modified field
// through eps^2 is Smith et al.'s F1 and RR-3's F2 exactly; evaluated on models it equals RR-3's taped field.
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

// The exact fields for m = 1..10 and their statements (one case).
Case bea_sgd_exact_case(const RunContext& ctx);
inline constexpr int kBeaSgdLevels = 8;

// The B-series field F0 + eps F1 + eps^2 F2 on the problem's batches against RR-3's tape at theta0, and through RR-3's
// ladder (exact mean over the m! orders against the series' flows: orders 3 and 4).
template <class S> Case bea_sgd_ladder_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kBeaSgdLevels);

}  // namespace irverify
