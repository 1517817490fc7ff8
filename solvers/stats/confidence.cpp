#include "solvers/stats/confidence.hpp"

#include <boost/math/special_functions/erf.hpp>

#include <stdexcept>

namespace irverify {

double bonferroni_z999(int k) {
  if (k < 1) throw std::invalid_argument("bonferroni_z999: need k >= 1 comparisons");
  return std::sqrt(2.0) * boost::math::erfc_inv(1e-3 / k);
}

}  // namespace irverify
