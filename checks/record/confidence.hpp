// The confidence level of every Monte Carlo verdict of the suite (SGD-4, STAB-2, STAB-4) and of the statistical
// comparison of records (record_compare.hpp): the two-sided 99.9% normal quantile.
#pragma once

namespace irverify {

inline constexpr double kZ999 = 3.2905;

// The two-sided normal quantile for k simultaneous comparisons at family-wise level 0.1% (Bonferroni): P(|Z| > z) =
// 0.001 / k; kZ999 for k = 1.
double bonferroni_z999(int k);  // checks/record/record_compare.cpp

}  // namespace irverify
