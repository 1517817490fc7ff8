// IGR-4 (Barrett & Dherin 2021, Sec. 5-6; CLAIMS.md): GD ends at flatter minima; the flow of L~ predicts its limit
// to O(h^2). Set-up shared with IGR-5: checks/igr/flat_minima_study.hpp.
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kFlatMinimaLevels = 10;

// Strictly decreasing values along increasing parameters, each drop larger than `resolution` (the sharpness verdicts
// of IGR-4 and IGR-5).
bool strictly_decreasing(const std::vector<double>& values_by_increasing_parameter, double resolution);

template <class S> Case igr_flat_minima_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kFlatMinimaLevels);

}  // namespace irverify
