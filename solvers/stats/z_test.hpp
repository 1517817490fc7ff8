// The test a Monte Carlo statement's outcome rests on, as data: the largest |z| over a family of comparisons, judged
// against the two-sided critical value at family-wise level 0.1% for that many comparisons (Bonferroni), so that a
// record states how many z's its maximum ran over and a calibration study can read the test's p-value.
#pragma once

#include "solvers/stats/confidence.hpp"

#include <cmath>
#include <stdexcept>

namespace irverify {

struct ZTest {
  double statistic = 0;  // max |z| over the family
  long comparisons = 1;  // how many |z| the maximum runs over
  double critical = kZ999;
  double level = kFamilyLevel;

  // critical = bonferroni_z999(comparisons) (std::invalid_argument for comparisons < 1).
  static ZTest bonferroni(double max_abs_z, long comparisons) {
    if (comparisons < 1) throw std::invalid_argument("ZTest: need comparisons >= 1");
    return {max_abs_z, comparisons, bonferroni_z999(static_cast<int>(comparisons)), kFamilyLevel};
  }
  bool rejects() const { return !(statistic <= critical); }  // a NaN statistic rejects
  // Sidak's family-wise p-value 1 - (1 - P(|Z| > statistic))^comparisons: for jointly normal z's of any correlation
  // P(p <= a) <= a (Sidak 1967), with equality for independent ones; 0 for a NaN statistic.
  double p_value() const {
    if (!(statistic >= 0)) return 0;
    const double tail = std::erfc(statistic / std::sqrt(2.0));
    return -std::expm1(double(comparisons) * std::log1p(-tail));
  }
};

}  // namespace irverify
