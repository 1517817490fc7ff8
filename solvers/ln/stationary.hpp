// Second moments of linearized label-noise SGD at an interpolating minimum (CLAIMS.md LN-1; Damian, Ma & Lee 2021).
// delta' = (I - eta H_xi) delta + eta (sigma/B) sum_j s_j v_{i_j} with Rademacher s_j independent of everything,
// so M_t = E[delta_t delta_t'] obeys M_{t+1} = T(M_t) + eta^2 (sigma^2/B) H, T STAB-2's second-moment operator
// (theory/stability/sgd_operator.hpp). Everything lives on the range of H, in its eigenbasis (H = diag(lambda)):
//   covariance_after(t):     M_t from M_0 = 0, by t applications of that recursion;
//   stationary_covariance:   M = (I - T)^{-1} eta^2 (sigma^2/B) H, which exists iff rho(T) < 1 (eta < eta*). I - T is
//                            symmetric in the svec basis and positive definite below eta*; solved by Cholesky;
//   paper_covariance:        Damian et al.'s eigenbasis form, diag eta sigma^2 / (B (2 - eta lambda_k)); equal to the
//                            exact one for label-noise GD (B = N without replacement, where C = K is diagonal).
// parameter_covariance maps an r x r eigenbasis matrix to parameter space, Q M Q', Q = range_basis = V' W
// diag(1/(N lambda)) the orthonormal eigenvectors of H (v_i = Q w_i).
// linearized_label_noise_moments: Monte Carlo of the linearized process itself, in the eigenbasis: it is label-noise
// SGD on least squares with features w_i and labels 0, from delta = 0 (solvers/ln/label_noise.hpp, same streams).
#pragma once

#include "solvers/ln/label_noise.hpp"
#include "theory/stability/sgd_operator.hpp"

namespace irverify {

template <class S>
Mat<S> covariance_after(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta, const S& sigma, long t);
// Throws std::domain_error when I - T is not positive definite (eta at or above the mean-square threshold).
template <class S>
Mat<S> stationary_covariance(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta, const S& sigma);
// The first t with |M_t - S|_F <= rel |S|_F (M_0 = 0), or -1 if none up to max_steps.
template <class S>
long steps_to_stationary(const StabilityInstance<S>& in, int B, BatchSampling s, const S& eta, const S& rel, long max_steps);
template <class S> Mat<S> paper_covariance(const StabilityInstance<S>& in, int B, const S& eta, const S& sigma);
template <class S> Mat<S> range_basis(const StabilityInstance<S>& in, const Mat<S>& V);
template <class S> Mat<S> parameter_covariance(const StabilityInstance<S>& in, const Mat<S>& V, const Mat<S>& M);
template <class S>
LabelNoiseMoments<S> linearized_label_noise_moments(const StabilityInstance<S>& in, const LabelNoise<S>& ln,
                                                    const LabelNoiseMcOptions& opt);

}  // namespace irverify
