// STAB-1 (CLAIMS.md; Wu, Ma & E 2018): at an interpolating minimum, GD's linearization delta' = (I - eta H) delta is
// stable iff eta <= 2/lambda_max(H). Checked by direct iteration of the linearized map (solvers/stability/
// linear_growth.hpp) at eta = (2/lambda_max)(1 -+ 2^-k): the observed growth rate has the sign of the side and
// equals log rho(I - eta H) on the range of H.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kStabGdLevels = 8;         // offsets 2^-1 .. 2^-8
// |observed - log rho| <= kStabRateRelTol |log rho|: the horizon leaves the next mode at e^-32 ~ 1e-14 relative;
// 1e6 of margin for its amplitude.
inline constexpr double kStabRateRelTol = 1e-8;

template <class S> Case stab_gd_threshold_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kStabGdLevels);

}  // namespace irverify
