// Sharpness of a point: lambda_max(H) and tr H (Barrett & Dherin 2021, Sec. 5; Wu & Su 2023), and the
// GD stability scale 2 / lambda_max. Eigenvalues by Eigen's SelfAdjointEigenSolver in S.
#pragma once

#include "theory/compat/eigen_multiprecision.hpp"

#include <Eigen/Eigenvalues>

namespace irverify {

template <class S> Vec<S> eigenvalues(const Mat<S>& H) {
  Eigen::SelfAdjointEigenSolver<Mat<S>> es(H, Eigen::EigenvaluesOnly);
  return es.eigenvalues();  // ascending
}
template <class S> S lambda_max(const Mat<S>& H) { return eigenvalues<S>(H).maxCoeff(); }
template <class S> S spectral_radius(const Mat<S>& H) { return eigenvalues<S>(H).cwiseAbs().maxCoeff(); }

}  // namespace irverify
