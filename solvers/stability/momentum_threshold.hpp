// Mean-square stability of SGD with heavy-ball momentum at an interpolating minimum (CLAIMS.md MOM-3, beyond any
// paper): the linearization z_{n+1} = A_xi z_n on the doubled state z = (delta_n, delta_{n-1}),
//   A_xi = [[(1+beta) I - eta H_xi, -beta I], [I, 0]],
// moves Z = E[z z'] (2r x 2r, in the reduced coordinates of theory/stability/sgd_operator.hpp, H = diag(lambda)) by
//   Z11' = E[M Z11 M] - beta (Mbar Z12 + Z12' Mbar) + beta^2 Z22,  Z12' = Mbar Z11 - beta Z12',  Z22' = Z11,
//   M = (1+beta) I - eta H_xi, Mbar = E[M],  E[M X M] = (1+beta)^2 X - (1+beta) eta (HX + XH) + eta^2 C(X)
// (C(X) = E[H_xi X H_xi] as for STAB-2). T is a positive map (it keeps Z PSD), so rho(T) < 1 iff the solution X of
// X - T(X) = I is positive definite (then X = sum_t T^t(I)); the threshold eta*_beta, the least eta with rho = 1, by
// bisection on that test. At beta = 0 the Z11 block is STAB-2's T, so eta*_0 = STAB-2's eta*.
//   momentum_mc_growth: Monte Carlo of the same linearization in double (rows w_i of W), z_0 ~ N(0, I_{2r}) (delta_0
//     and delta_{-1} independent), t steps; log(mean |z_t|^2 / mean |z_0|^2)/t with its delta-method standard error
//     (as mc_growth), to compare with the exact log(tr T^t(I) / 2r)/t. Run s draws from CounterStream(seed, s,
//     kMomentumGrowthDomain): the same bits for any thread count.
#pragma once

#include "solvers/stability/linear_growth.hpp"
#include "theory/stability/sgd_operator.hpp"

namespace irverify {

// T as a dense matrix on the svec basis of symmetric 2r x 2r matrices (dimension r(2r+1)).
template <class S>
Mat<S> momentum_moment_operator(const StabilityOperators<S>& ops, const Vec<S>& lambda, const BatchCoefficients<S>& c,
                                const S& eta, const S& beta);
// True when X - T(X) = I has a positive definite solution (rho(T) < 1).
template <class S>
bool momentum_ms_stable(const StabilityOperators<S>& ops, const Vec<S>& lambda, const BatchCoefficients<S>& c, const S& eta,
                        const S& beta);
// [lo, hi] with lo stable and hi not, hi - lo <= rel_width hi, by bisection from (0, 2(1+beta)/lambda_max] (GD's
// interval: noise only lowers it); hi = 2(1+beta)/lambda_max and lo = hi if that end is still stable.
template <class S> struct MomentumThreshold {
  S lo, hi;
  int evaluations = 0;
};
inline constexpr std::uint32_t kMomentumGrowthDomain = 13;  // momentum_mc_growth: linearized momentum SGD runs

// log(tr T^t(I_{2r}) / 2r) / t for the dense operator T.
template <class S> S momentum_predicted_rate(const Mat<S>& T, int r, int steps);
GrowthEstimate momentum_mc_growth(const Mat<double>& W, int B, BatchSampling s, double eta, double beta, const GrowthOptions& opt);

template <class S>
MomentumThreshold<S> momentum_ms_threshold(const StabilityOperators<S>& ops, const Vec<S>& lambda,
                                           const BatchCoefficients<S>& c, const S& beta, const S& rel_width);

}  // namespace irverify
