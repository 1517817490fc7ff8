// The drift of label-noise SGD along the zero-loss manifold (CLAIMS.md LN-2; Damian, Ma & Lee 2021, Sec. 3-4).
// Started at an interpolating minimum theta*, theta_t = theta* + sigma delta1_t + sigma^2 delta2_t + O(sigma^3):
// delta1 is the linearized process (solvers/ln/stationary.hpp, M_t = E[delta1 delta1'] at sigma = 1), and since the
// batch and the fresh label signs are independent of delta_t, the mean m_t = E[delta2_t] obeys
//   m_{t+1} = (I - eta H) m_t - (eta/2) grad^3 L[Q M_t Q'],   m_0 = 0
// (grad^3 L[A]_k = sum_ij d^3 L/(dtheta_i dtheta_j dtheta_k) A_ij; the noise term's theta-dependence has zero mean).
// On the tangent space of the manifold (P = I - Q Q', Q H's range basis) I - eta H is the identity, so
//   P (m_b - m_a) = -(eta/2) P grad^3 L[Q (sum_{a <= k < b} M_k) Q'],
// and at stationarity the drift per step is d = -(eta/2) P grad^3 L[Q S Q'] (S the stationary M). The mean of
// sigma^2 delta2 is even in sigma (the law is invariant under sigma -> -sigma), so a Monte Carlo mean divided by sigma^2
// is d + O(sigma^2): Richardson in sigma^2 applies.
// The paper's regularizer R(theta) = -(1/(2 eta)) log det(I - (eta/2) H(theta)) has grad R = (1/4) grad^3 L[(I -
// (eta/2) H)^{-1}]; for label-noise GD (S = (eta/2)(I - (eta/2) H)^{-1} on the range) d = -(eta^2/B) P grad R. The small-eta
// form (1/4) tr H has gradient (1/4) grad^3 L[I].
#pragma once

#include "theory/models/model.hpp"
#include "theory/stability/sgd_operator.hpp"

namespace irverify {

// grad^3 L[A] at theta for symmetric A (through A's eigendecomposition: sum_k mu_k T[u_k, u_k]).
template <class S> Vec<S> third_contracted(const Model<S>& m, const Vec<S>& theta, const Mat<S>& A);
// The projector on the tangent space of the zero-loss manifold, I - Q Q' (Q = range_basis).
template <class S> Mat<S> tangent_projector(const StabilityInstance<S>& in, const Mat<S>& V);
// The sigma^2 coefficient of the mean tangent displacement from step a to step b (0 <= a <= b), per step.
template <class S>
Vec<S> window_drift(const Model<S>& m, const Vec<S>& star, const StabilityInstance<S>& in, const Mat<S>& V,
                    const BatchScheme& b, const S& eta, long a, long bstep);
// d: the stationary drift per step (sigma^2 coefficient); throws std::domain_error at or above eta*.
template <class S>
Vec<S> stationary_drift(const Model<S>& m, const Vec<S>& star, const StabilityInstance<S>& in, const Mat<S>& V,
                        const BatchScheme& b, const S& eta);
// grad R for the paper's R (needs eta lambda_max(H) < 2, else std::domain_error), and grad of (1/4) tr H.
template <class S> Vec<S> log_regularizer_gradient(const Model<S>& m, const Vec<S>& theta, const S& eta);
template <class S> Vec<S> trace_regularizer_gradient(const Model<S>& m, const Vec<S>& theta);
// R itself (for difference checks).
template <class S> S log_regularizer(const Model<S>& m, const Vec<S>& theta, const S& eta);

}  // namespace irverify
