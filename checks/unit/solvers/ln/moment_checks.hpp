// What the label-noise tests share: Monte Carlo moments (solvers/ln/label_noise.hpp) against exact ones, as the
// largest |z| over the mean's and the covariance's entries.
#pragma once

#include "solvers/ln/label_noise.hpp"

#include <algorithm>
#include <cmath>

namespace irverify {

struct ExactMoments {
  Vec<double> mean;
  Mat<double> cov;
};

inline double max_z(const LabelNoiseMoments<double>& mc, const ExactMoments& e) {
  double z = 0;
  for (Eigen::Index i = 0; i < e.mean.size(); ++i) {
    z = std::max(z, std::abs(mc.mean(i) - e.mean(i)) / mc.mean_se(i));
    for (Eigen::Index j = 0; j < e.mean.size(); ++j) z = std::max(z, std::abs(mc.cov(i, j) - e.cov(i, j)) / mc.cov_se(i, j));
  }
  return z;
}

}  // namespace irverify
