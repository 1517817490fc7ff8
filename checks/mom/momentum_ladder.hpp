// What MOM-1 and MOM-2 share (CLAIMS.md, MOM): a momentum method from rest against its modified flow
// theta' = -(1/(1-beta)) grad[L + kappa h ||g||^2] (theory/losses/momentum_field.hpp), globally from theta0 (order 1:
// the lag) and from the shifted start theta0 + h s g(theta0) (order 2), the lag coefficient
// (theta_n - phi_T(theta0)) . g_T / (h |g_T|^2) -> s by Richardson extrapolation, and one step from a point of the
// invariant manifold, theta_{-1} = phi_{-h}(theta0), or PyTorch's buffer of the manifold's past to O(h^2) (order 3).
#pragma once

#include "checks/framework/case.hpp"
#include "theory/losses/momentum_field.hpp"

#include <string>
#include <utility>
#include <vector>

namespace irverify {

inline constexpr int kMomLevels = 10;
inline constexpr double kMomLagDigits = 10;  // the lag coefficient, extrapolated, to >= 10 digits
// Quadratic losses: the Taylor flows against the closed form within 2^10 flow floors (the floor is a per-step
// tolerance; T/h0 is at most a few hundred steps of the adaptive solver).
inline constexpr int kMomClosedFormBits = 10;

// A method and its controls: wrong kappas from the shifted start (each expected order 1), a wrong shift coefficient
// for the lag (expected refuted), and the wrong kappa of the local test (expected order 2).
template <class S> struct MomentumSetting {
  Momentum kind;
  S beta;
  std::vector<std::pair<std::string, S>> wrong_kappas;
  std::pair<std::string, S> wrong_shift;
  std::pair<std::string, S> local_wrong_kappa;
};

// Global: from rest to T = n0 h0 (n0 = 1/h0) on the ladder h0 2^-k, k < levels, h0 = (1 - sqrt(beta))^2 /
// (4 max(1, rho(H(theta0)))) rounded down to a power of two.
template <class S> Case momentum_global_case(const RunContext& ctx, const ProblemSpec& spec, const MomentumSetting<S>& m, int levels);
// Local: one step from (theta0, theta_{-1} = phi_{-h}(theta0)) against phi_h(theta0), on the same ladder; PyTorch's
// Nesterov, whose state is a gradient buffer, from the buffer of the manifold's past, sum_k beta^k
// g(phi_{-(k+1)h}(theta0)) = g/(1-beta) + h H g/(1-beta)^3 + O(h^2).
template <class S> Case momentum_local_case(const RunContext& ctx, const ProblemSpec& spec, const MomentumSetting<S>& m, int levels);

// The verdict rule's common part.
std::string momentum_ladder_rule();
// The built-ins and CLAIMS.md's toy 1/2 (x y - 1)^2 + 0.1 x^2 from (1.5, 0.25) (a formula with no data).
std::vector<ProblemSpec> momentum_problems();

}  // namespace irverify
