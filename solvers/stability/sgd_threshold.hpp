// The exact mean-square stability threshold of SGD at an interpolating minimum (CLAIMS.md STAB-2), three ways:
//   eta_star_structured: eta* = 1/mu_max, mu_max the top eigenvalue of A^{-1/2} C A^{-1/2} = diag(b K/A) + F F',
//     F = sqrt(a/N) A^{-1/2} Sv (n x N, theory/stability/sgd_operator.hpp). For mu > max(b K/A), mu is an eigenvalue
//     iff the N x N matrix F'(mu - diag)^{-1} F has eigenvalue 1, and mu > mu_max iff its top eigenvalue lam(mu) is
//     < 1 (Schur complement): mu_max is the root of 1/lam(mu) - 1, found by bracketed Newton, O(n N^2) per step,
//     to a few eps.
//   eta_star_dense: the same generalized symmetric eigenproblem C x = mu A x solved densely (n x n).
//   eta_star_bisection: bisection on eta for the spectral radius of T(eta) = I - eta A + eta^2 C (dense
//     eigenvalues of the n x n matrix), stable iff rho(T) <= 1; no use of the generalized eigenproblem.
//   eta_star_kronecker: Mulayoff & Michaeli's closed form (Exact mean square linear stability analysis for SGD,
//     COLT 2024): eta* = 2/lambda_max(C^+ D) with C = (1/2)(H (+) H) = (1/2)(H (x) I + I (x) H) and
//     D = (1 - p) H (x) H + p (1/N) sum_i H_i (x) H_i, p = (N - B)/(B (N - 1)) without replacement, 1/B with;
//     built densely on the full parameter space (d^2 x d^2) from the features V (H_i = v_i v_i', H = (1/N) sum H_i),
//     sharing nothing with the routes above. C^+ from C's eigendecomposition (eigenvalues below 64 d^2 eps |C|_2
//     count as zero); D's range lies in C's, so lambda_max(C^+ D) = lambda_max(C^{+1/2} D C^{+1/2}). Refused
//     (std::invalid_argument) for d > kKroneckerMaxDim. (class KroneckerThreshold)
#pragma once

#include "theory/stability/sgd_operator.hpp"

namespace irverify {

template <class S> S eta_star_structured(const StabilityInstance<S>& in, int B, BatchSampling s);
template <class S> S eta_star_dense(const StabilityInstance<S>& in, int B, BatchSampling s);
inline constexpr int kKroneckerMaxDim = 24;  // d^2 = 576: a dense eigenproblem of that size in mp50 takes seconds
// C's pseudo-inverse and the two parts of D projected on C's range are built once per V; each scheme then needs the
// eigenvalues of (1 - p) G_HH + p G_D only.
template <class S> class KroneckerThreshold {
 public:
  explicit KroneckerThreshold(const Mat<S>& V);
  S eta_star(int B, BatchSampling s) const;

 private:
  int N_;
  Mat<S> G_hh_, G_d_;  // P'(H (x) H)P and P'((1/N) sum_i H_i (x) H_i)P, P = C^{+1/2} on C's range
};

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
