// The exact mean-square stability threshold of SGD at an interpolating minimum (CLAIMS.md STAB-2), three ways:
//   eta_star_structured: eta* = 1/mu_max, mu_max the top eigenvalue of A^{-1/2} C A^{-1/2} = diag(b K/A) + F F',
//     F = sqrt(a/N) A^{-1/2} Sv (n x N, theory/stability/sgd_operator.hpp). For mu > max(b K/A), mu is an eigenvalue
//     iff the N x N matrix F'(mu - diag)^{-1} F has eigenvalue 1, and mu > mu_max iff its top eigenvalue lam(mu) is
//     < 1 (Schur complement): mu_max is the root of 1/lam(mu) - 1, found by bracketed Newton, O(n N^2) per step,
//     to a few eps.
//   eta_star_dense: the same generalized symmetric eigenproblem C x = mu A x solved densely (n x n).
//   eta_star_bisection: bisection on eta for the spectral radius of T(eta) = I - eta A + eta^2 C (dense
//     eigenvalues of the n x n matrix), stable iff rho(T) <= 1; no use of the generalized eigenproblem.
#pragma once

#include "theory/stability/sgd_operator.hpp"

namespace irverify {

template <class S> S eta_star_structured(const StabilityInstance<S>& in, int B, BatchSampling s);
template <class S> S eta_star_dense(const StabilityInstance<S>& in, int B, BatchSampling s);

template <class S> struct TSpectrum {
  S rho;       // max |eigenvalue|
  S top;       // largest eigenvalue (= rho when T preserves the PSD cone)
  Mat<S> top_matrix;  // the eigenvector of `top` as an r x r matrix, sign chosen with positive trace
};
template <class S>
TSpectrum<S> t_spectrum(const StabilityOperators<S>& ops, const BatchCoefficients<S>& c, const S& eta, bool vector);

template <class S> struct EtaBracket {
  S lo, hi;  // rho(T(lo)) <= 1 < rho(T(hi))
  int steps = 0;
};
// Bisection until hi - lo <= rel_width * hi.
template <class S> EtaBracket<S> eta_star_bisection(const StabilityInstance<S>& in, int B, BatchSampling s, const S& rel_width);

}  // namespace irverify
