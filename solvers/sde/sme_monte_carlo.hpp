// SDE-2 (CLAIMS.md SDE): SGD with B = 1 (examples drawn with replacement) against SME1
//   dX = -grad f dt + sqrt(eta) Sigma^{1/2} dW,   Sigma = Cov_i(g_i),
// on a regression model (l_i = r_i^2 / 2, g_i = r_i v_i), by one Monte Carlo on coupled random numbers.
// Sigma^{1/2} dW is taken as B(X) dW with B = N^{-1/2} [g_1 - g, ..., g_N - g] (d x N: B B' = Sigma, N Brownian motions),
// so no matrix root is formed; an Euler-Maruyama step of size Delta is
//   X += sum_i r_i v_i (-Delta/N + sqrt(eta Delta / N) (xi_i - mean xi)),   xi ~ N(0, I_N).
// E phi(X_T) to weak order 2 by Talay-Tubaro extrapolation, 2 E phi(X^{Delta/2}) - E phi(X^{Delta}) (Talay & Tubaro,
// Stoch. Anal. Appl. 8 (1990) 483-509), at Delta = eta/2 ("rich") and, as its check, Delta = eta ("rich_coarse").
// Coupling: each SGD step (time eta) draws four fine increments xi_1..xi_4 ~ N(0, I_N) (the step eta/4); the steps eta/2
// and eta take their normalized sums; SGD's example is gamma = argmin_i of the eta-step increment, uniform and
// independent across steps by symmetry, so its noise -(g_gamma - g) correlates with the SDE's while every marginal is
// exact (common random numbers: a smaller variance of the difference, no bias). Two variance reductions, both
// unbiased: each run is an antithetic pair (every Gaussian increment negated, so SGD takes the argmax), and SGD's phi
// carries a control variate, its noise's first-order effect along the GD path (exact mean 0; sme_monte_carlo.cpp).
// Run r draws from CounterStream(run.seed, r, kSmeDomain).
#pragma once

#include "solvers/control/run_control.hpp"
#include "theory/models/model.hpp"

#include <cstdint>
#include <functional>

namespace irverify {

inline constexpr std::uint32_t kSmeDomain = 15;  // sgd_sme_weak: the SDE's Gaussian increments (and SGD's examples)

// Per test function: means and standard errors over the runs.
template <class S> struct SmeWeakEstimate {
  Vec<S> sgd, em_eta, em_half, em_quarter;  // E phi of SGD (with its control variate) and of Euler-Maruyama at eta, eta/2, eta/4
  Vec<S> rich, rich_coarse;                 // 2 em_quarter - em_half, 2 em_half - em_eta
  Vec<S> diff;                              // sgd - rich: the weak error
  Vec<S> se_sgd, se_rich, se_diff, se_rich_gap;  // se_rich_gap: of rich - rich_coarse
  long runs = 0;
};

// theta0 on a regression model; eta > 0; n >= 1 SGD steps (T = n eta); phi maps theta to the P test functions' values
// and phi_gradient to their gradients (d x P); run.samples >= 2 antithetic pairs. A run that stops being finite throws
// NumericalFault.
template <class S>
SmeWeakEstimate<S> sgd_sme_weak(const Model<S>& m, const Vec<S>& theta0, const S& eta, long n,
                                const std::function<Vec<S>(const Vec<S>&)>& phi,
                                const std::function<Mat<S>(const Vec<S>&)>& phi_gradient, const RunControl& run);

}  // namespace irverify
