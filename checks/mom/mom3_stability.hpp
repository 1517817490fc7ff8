// MOM-3 (CLAIMS.md): at an interpolating minimum the linearized heavy ball delta_{n+1} = delta_n + beta (delta_n -
// delta_{n-1}) - eta H delta_n is stable iff eta lambda_max < 2 (1 + beta) (Jury's criterion), checked by direct
// iteration (solvers/stability/momentum_growth.hpp) at eta = (2(1+beta)/lambda_max)(1 -+ 2^-k) as STAB-1 checks GD's.
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kMom3Levels = 8;  // offsets 2^-1 .. 2^-8
// |observed - log rho| <= kMom3RateRelTol |log rho| where the leading root is real and simple (the horizon leaves
// the next modulus at e^-32; 1e6 of margin for its amplitude), as STAB-1.
inline constexpr double kMom3RateRelTol = 1e-8;

template <class S> Case mom_stability_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, int levels = kMom3Levels);

}  // namespace irverify
