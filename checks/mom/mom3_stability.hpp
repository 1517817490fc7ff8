// MOM-3 (CLAIMS.md): at an interpolating minimum the linearized heavy ball delta_{n+1} = delta_n + beta (delta_n -
// delta_{n-1}) - eta H delta_n is stable iff eta lambda_max < 2 (1 + beta) (Jury's criterion), checked by direct
// iteration (solvers/stability/momentum_growth.hpp) at eta = (2(1+beta)/lambda_max)(1 -+ 2^-k) as STAB-1 checks GD's;
// and SGD with momentum's exact mean-square threshold from the doubled state's second moments
// (solvers/stability/momentum_threshold.hpp), equal to STAB-2's eta* at beta = 0.
#pragma once

#include "checks/framework/case.hpp"

#include <cstdint>

namespace irverify {

inline constexpr int kMom3Levels = 8;  // offsets 2^-1 .. 2^-8
// |observed - log rho| <= kMom3RateRelTol |log rho| where the leading root is real and simple (the horizon leaves
// the next modulus at e^-32; 1e6 of margin for its amplitude), as STAB-1.
inline constexpr double kMom3RateRelTol = 1e-8;
inline constexpr int kMom3BisectionBits = 30;  // the mean-square threshold to relative width 2^-30
inline constexpr int kMom3MsOffset = 32;       // the second moments iterated at eta*_beta (1 -+ 1/32)
inline constexpr int kMom3MsSteps = 2048;      // ... for 2048 steps in double
inline constexpr int kMom3McSteps = 8;         // Monte Carlo horizon (short: E|z_t|^2 is not ruled by rare sequences)
inline constexpr long kMom3McSamples = 1L << 16;
inline constexpr std::uint64_t kMom3McSeed = 31;

template <class S> Case mom_stability_case(const RunContext& ctx, const ProblemSpec& spec, const S& beta, int levels = kMom3Levels);
// beta = 0: the doubled state's threshold against STAB-2's eta*, for each batch scheme.
template <class S> Case mom_ms_zero_case(const RunContext& ctx, const ProblemSpec& spec);

}  // namespace irverify
