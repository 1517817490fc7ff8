// SGD-1 and SGD-3 (Smith et al. 2021, Sec. 3-4; CLAIMS.md), from the exact epoch mean over all m! orders:
//  SGD-1: ||E[theta_m] - phi^L_{m eps}|| = Theta(eps^2), ||E[theta_m] - phi^{L~SGD}_{m eps}|| = O(eps^3),
//         L~SGD = L + (eps/4m) sum_k ||g_k||^2; one order's distance from the mean is Theta(eps^2).
//         Controls: coefficient eps/(2m); the GD modified loss of the whole epoch, L + (m eps/4)||g||^2.
//  SGD-3: E[theta_m] = theta0 - m eps g + eps^2 C2 + O(eps^3), C2 = (1/2)(m^2 H g - sum_k H_k g_k); C2 extracted
//         by Richardson extrapolation of exact means (and of the modified flow) agrees with the closed form to
//         >= 10 digits. Controls: C2 with the eps/(2m) coefficient, and without the minibatch term.
#pragma once

#include "checks/claims/claim.hpp"
#include "checks/claims/ladder.hpp"

namespace irverify {

inline constexpr int kSgdLevels = 12;
inline constexpr int kRichardsonLevels = 8;
inline constexpr double kSgd3Digits = 10;

template <class S> LadderCase sgd_exact_mean_case(const ProblemSpec& spec, int levels = kSgdLevels);
template <class S> LadderCase sgd_second_order_case(const ProblemSpec& spec, int levels = kRichardsonLevels);

// The default SGD problems: least-squares (m = 4, and m = 8 with single-example batches), diag-uv, diag-uu-vv
// (m = 5) and the tanh network (m = 3).
std::vector<ProblemSpec> sgd_builtin_problems();

nlohmann::json run_sgd_exact_mean(const RunOptions& opt);
nlohmann::json run_sgd_second_order(const RunOptions& opt);

}  // namespace irverify
