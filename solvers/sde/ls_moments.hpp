// Exact first and second moments of SGD on least squares and of its stochastic modified equations (CLAIMS.md SDE-1;
// Li, Tai & E, ICML 2017 / JMLR 2019). f(x) = (1/N) sum_i (1/2)(a_i . x - y_i)^2, A = (1/N) sum a_i a_i',
// b = (1/N) sum y_i a_i; a batch of B (with replacement, or a uniform B-subset) has mean gradient A x - b and
// covariance Sigma(x) = c_B [(1/N) sum r_i(x)^2 a_i a_i' - (A x - b)(A x - b)'], r_i = a_i . x - y_i,
// c_B = 1/B with replacement, (N - B)/(B (N - 1)) without (theory/stability/sgd_operator.hpp's a).
// With m = E x, P = E x x', rho_i = a_i' P a_i - 2 y_i a_i . m + y_i^2 (= E r_i^2),
//   G(m, P) = A P A - A m b' - b m' A + b b'  (= E (A x - b)(A x - b)'),   S(m, P) = c_B [(1/N) sum rho_i a_i a_i' - G]:
//   SGD:  m+ = m - eta (A m - b),   P+ = P - eta (P A + A P - m b' - b m') + eta^2 (G + S)   (exact);
//   SME with drift -(A~ x - b~), diffusion eta d Sigma:
//         m' = -(A~ m - b~),        P' = -(P A~ + A~ P - m b~' - b~ m') + eta d S              (exact, linear);
//   SME1: A~ = A, b~ = b, d = 1; SME2: A~ = A + c eta A^2, b~ = b + c eta A b, c = 1/2 (the drift of
//   f + (eta/4)|grad f|^2), d = 1, the diffusion not corrected. Controls: c = 1 (eta/2 for eta/4), d = 2, and the
//   uncentered per-example second moment, c_B (1/N) sum_i grad f_i grad f_i' in place of Sigma (S + c_B G for S).
// The SME's linear ODE is integrated by its Taylor series (z_{k+1} = L z_k / (k + 1)) on steps h with nu h <= 1/2, nu
// a bound of the operator's norm (so each term is at most half the one before), summed until a term falls below
// eps |z|: exact to rounding in every precision.
#pragma once

#include "theory/linalg/dense.hpp"
#include "theory/models/least_squares.hpp"
#include "theory/stability/sgd_operator.hpp"

namespace irverify {

template <class S> struct LsMomentData {
  Mat<S> X;  // N x d, the rows a_i
  Vec<S> y;
  Mat<S> A;
  Vec<S> b;
  S cB;  // Sigma's batch factor
};
template <class S> LsMomentData<S> ls_moment_data(const LeastSquares<S>& m, int B, BatchSampling s);

template <class S> struct SecondMoments {
  Vec<S> m;  // E x
  Mat<S> P;  // E x x'
};
template <class S> SecondMoments<S> point_moments(const Vec<S>& x0) { return {x0, x0 * x0.transpose()}; }

// E f(x) = (1/2)(1/N) sum_i rho_i.
template <class S> S expected_loss(const LsMomentData<S>& d, const SecondMoments<S>& z);

// The SME variant: drift coefficient c (0 SME1, 1/2 SME2), diffusion factor d, and the uncentered control.
template <class S> struct SmeVariant {
  S drift = S(0);
  S diffusion = S(1);
  bool uncentered = false;
};

// `steps` SGD steps of eta from z (exact). noise != 1 scales the gradient's covariance: SVAG (Li, Malladi & Arora 2021)
// with l is the step eta/l on r1 g1 + r2 g2, r_{1,2} = (1 +- sqrt(2l - 1))/2, g1, g2 independent batch gradients:
// mean A x - b, covariance (r1^2 + r2^2) Sigma = l Sigma, i.e. sgd_moments(d, eta/l, steps, z, l).
template <class S>
SecondMoments<S> sgd_moments(const LsMomentData<S>& d, const S& eta, long steps, SecondMoments<S> z, const S& noise = S(1));
// The SME's moments at time T from z (Taylor series; std::invalid_argument for T < 0 or more than 2^30 steps).
template <class S> SecondMoments<S> sme_moments(const LsMomentData<S>& d, const S& eta, const SmeVariant<S>& v, const S& T,
                                                SecondMoments<S> z);

}  // namespace irverify
