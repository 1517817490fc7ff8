// "A Monte Carlo discrepancy vanishes along a ladder", decided on intervals, not on a fitted order (ADAM-2, LWA-1):
// |D| must fall from the first level to the last by more than 2^-((levels - 1) p) (a mean order above p). With z the
// interval's critical value: holds when |D_last| + z se_last < (|D_0| - z se_0) 2^-((levels - 1) p), refuted when
// |D_last| - z se_last > (|D_0| + z se_0) 2^-((levels - 1) p), unresolved between; a last discrepancy lost in the noise
// is evidence of vanishing.
#pragma once

#include "checks/framework/case.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace irverify {

// d, se: the discrepancy and its standard error per level (at least two); `var`: the ladder's step ("h", "eta").
inline Statement vanishing_statement(std::string text, Outcome expected, const std::vector<double>& d, const std::vector<double>& se,
                                     double p, double z, const std::string& var) {
  if (d.size() < 2 || se.size() != d.size()) throw std::invalid_argument("vanishing_statement: needs two levels or more, a se for each");
  const int last = static_cast<int>(d.size()) - 1;
  const double shrink = std::exp2(-last * p), d0 = std::abs(d.front()), d1 = std::abs(d.back());
  const double lo1 = d1 - z * se.back(), hi1 = d1 + z * se.back();
  const double lo0 = (d0 - z * se.front()) * shrink, hi0 = (d0 + z * se.front()) * shrink;
  return {std::move(text), expected, outcome_of(hi1 < lo0, hi1 < lo0 || lo1 > hi0),
          fmt::format("|D({1}_{0})| in [{2:.3e}, {3:.3e}] against |D({1}_0)| 2^-{4:g} in [{5:.3e}, {6:.3e}] (99.9%, z = {7:.2f}); "
                      "D({1}_0) = {8:.4e} ± {9:.1e}, D({1}_{0}) = {10:.4e} ± {11:.1e}",
                      last, var, std::max(lo1, 0.0), hi1, last * p, lo0, hi0, z, d.front(), se.front(), d.back(), se.back()),
          std::nullopt};
}

}  // namespace irverify
