// Sharpness of a point: lambda_max(H) and tr H (Barrett & Dherin 2021, Sec. 5; Wu & Su 2023), and the
// GD stability scale 2 / lambda_max. Eigenvalues by theory/linalg/decompositions.hpp in S.
#pragma once

#include "theory/linalg/decompositions.hpp"

#include "theory/linalg/dense.hpp"


namespace irverify {

template <class S> Vec<S> eigenvalues(const Mat<S>& H) {
  return sym_eigen<S>(H, false).values;  // ascending
}
template <class S> S lambda_max(const Mat<S>& H) { return eigenvalues<S>(H).maxCoeff(); }
template <class S> S spectral_radius(const Mat<S>& H) { return eigenvalues<S>(H).cwiseAbs().maxCoeff(); }

}  // namespace irverify
