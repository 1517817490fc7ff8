// Linear stability of heavy-ball momentum at an interpolating minimum (CLAIMS.md MOM-3).
//   momentum_moduli: the moduli of the roots of z^2 - (1 + beta - eta lambda) z + beta = 0 for each eigenvalue lambda
//     of H (the companion matrix of delta_{n+1} = delta_n + beta (delta_n - delta_{n-1}) - eta H delta_n on one mode),
//     descending; stable iff every modulus < 1, i.e. 0 < eta lambda < 2 (1 + beta) (Jury's criterion), 0 <= beta < 1.
//   momentum_linear_rate: the same iteration with H = (1/N) V'V applied matrix-free, from (delta_0, delta_{-1} =
//     delta_0); the rate (log|s_T| - log|s_{T/2}|)/(T/2) of the state s = (delta_n, delta_n - delta_{n-1}), which tends
//     to log max modulus when the leading root is real and simple; each iterate projected on the range of H (as
//     gd_linear_rate); -inf if the state vanishes.
#pragma once

#include "theory/linalg/dense.hpp"

#include <vector>

namespace irverify {

template <class S> std::vector<S> momentum_moduli(const Vec<S>& lambda, const S& eta, const S& beta);
// True when the largest modulus belongs to a real root, strictly above every other modulus.
template <class S> bool momentum_leading_root_real(const Vec<S>& lambda, const S& eta, const S& beta);
template <class S> S momentum_linear_rate(const Mat<S>& V, const Vec<S>& delta0, const S& eta, const S& beta, int steps);

}  // namespace irverify
