// IGR-4 and IGR-5 (Barrett & Dherin 2021, Sec. 5-6; CLAIMS.md), on two-param and diag-uv:
//  IGR-4: from the same theta0, GD with larger h (below 2/lambda_max) converges to flatter minima (smaller
//         lambda_max, more balanced) than gradient flow; the limit of the flow of L~ = L + (h/4)|g|^2 is GD's
//         limit to O(h^2), the limit of the flow of L only to O(h).
//  IGR-5: the flow of L + mu |g|^2 converges to minima whose sharpness decreases with mu; mu = h/4 gives GD's
//         limit to O(h^2).
// Limits by steady-state detection (solvers/limits/limit_point.hpp), to a distance target of eps^(3/4) |theta0|.
#pragma once

#include "checks/claims/claim.hpp"
#include "checks/claims/ladder.hpp"

namespace irverify {

inline constexpr int kFlatMinimaLevels = 10;
inline constexpr int kMuGridSize = 7;  // mu = (h0/4) 2^-j, j < 7, and mu = 0

template <class S> LadderCase igr_flat_minima_case(const ProblemSpec& spec, int levels = kFlatMinimaLevels);
template <class S> LadderCase igr_explicit_regularizer_case(const ProblemSpec& spec, int levels = kFlatMinimaLevels);

// Strictly decreasing values along increasing parameters, each drop larger than `resolution`.
bool strictly_decreasing(const std::vector<double>& values_by_increasing_parameter, double resolution);

nlohmann::json run_igr_flat_minima(const RunOptions& opt);
nlohmann::json run_igr_explicit_regularizer(const RunOptions& opt);

}  // namespace irverify
