// The drift of SGD's limiting diffusion on a manifold Gamma of minima (Li, Wang & Arora, ICLR 2022; CLAIMS.md LWA),
// in time t = k eta^2, at a point of Gamma (grad L = 0, ker H its tangent space, H positive on the normal space):
//   Y' = -(1/2) P grad^3 L[L_H^{-1}(Sigma_perp)],   L_H(X) = H X + X H,  Sigma_perp = Q Q' Sigma Q Q',
// P = I - Q Q' the tangent projector, Q an orthonormal basis of H's range, Sigma the gradient-noise covariance
// (grad^3 L[A]_k = sum_ij d^3 L/(dtheta_i dtheta_j dtheta_k) A_ij). In H's eigenbasis, for normal a, b,
// L_H^{-1}(Sigma_perp)_ab = (q_a' Sigma q_b) / (mu_a + mu_b). Special cases (derived): label noise Sigma = c H gives
// -(c/4) P grad tr H; isotropic Sigma = s^2 I gives -(s^2/4) P grad log pdet H. The tangent part of the noise (P Sigma P)
// drives a tangent diffusion, not returned here (it vanishes for Sigma in the range of H).
#pragma once

#include "theory/models/model.hpp"

namespace irverify {

enum class LwaDrift {
  derived,     // the drift above
  doubled,     // twice it, 2 L_H^{-1}(Sigma_perp) (label noise: -c/2 in place of -c/4)
  no_inverse,  // Sigma_perp in place of L_H^{-1}(Sigma_perp)
  none,        // 0 (the interpolating answer)
};

// The covariance of one example's gradient under uniform sampling (B = 1 with replacement):
// (1/N) sum_i g_i g_i' - g g'.
template <class S> Mat<S> example_gradient_covariance(const Model<S>& m, const Vec<S>& theta);

// H's split at theta: Q (normal basis: eigenvalues mu > sqrt(eps) max(1, |lambda|_max)), mu, and the tangent projector
// P = I - Q Q' (the rest: on Gamma those eigenvalues are rounding). std::domain_error when no direction is normal.
template <class S> struct ManifoldSplit {
  Mat<S> Q, P;
  Vec<S> mu;
};
template <class S> ManifoldSplit<S> manifold_split(const Mat<S>& H);

template <class S> Vec<S> lwa_drift(const Model<S>& m, const Vec<S>& theta, const Mat<S>& Sigma, LwaDrift v = LwaDrift::derived);

// Newton's method on grad L = 0 in the normal space, theta <- theta - Q diag(1/mu) Q' grad L with Q, mu the top `rank`
// eigenpairs of H(theta) (Gamma's codimension: off Gamma the tangent eigenvalues are small but not 0, and inverting them
// would move the point along Gamma), until |grad L| <= tol (std::runtime_error after 50 iterations).
template <class S> Vec<S> project_on_minima(const Model<S>& m, Vec<S> theta, int rank, const S& tol);

// The flow Y' = lwa_drift(Y, Sigma(Y)) on Gamma with Sigma = example_gradient_covariance (B = 1 with replacement),
// from theta0 (on Gamma) to time t: classical RK4 with `steps` steps on the field y -> lwa_drift(project(y)), each step
// followed by project_on_minima (rank: the normal dimension at theta0).
template <class S>
Vec<S> lwa_flow(const Model<S>& m, const Vec<S>& theta0, const S& t, int steps, LwaDrift v, const S& tol);

}  // namespace irverify
