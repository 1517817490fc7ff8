// The suite's one statistics module (with moment_sums.hpp): the confidence level of every Monte Carlo verdict and
// record comparison (two-sided 99.9%), its Bonferroni form for k simultaneous comparisons, the mean and standard
// error of per-run values, and the Wilson interval of a proportion.
#pragma once

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace irverify {

// The family-wise level of every Monte Carlo verdict: a statement judged at it comes out wrong in at most 0.1% of
// seeds.
inline constexpr double kFamilyLevel = 1e-3;
// The two-sided 99.9% normal quantile.
inline constexpr double kZ999 = 3.2905;

// The two-sided normal quantile for k simultaneous comparisons at family-wise level 0.1% (Bonferroni): P(|Z| > z) =
// 0.001 / k; kZ999 for k = 1. std::invalid_argument for k < 1.
double bonferroni_z999(int k);

// The mean of per-run values and its standard error sd / sqrt(n), sd^2 = sum (x - mean)^2 / (n - 1) (0 for one run).
struct MeanSe {
  double mean = 0, se = 0;
};
template <class T> MeanSe mean_se(const std::vector<T>& v) {
  MeanSe r;
  for (const T& x : v) r.mean += double(x);
  r.mean /= double(v.size());
  double q = 0;
  for (const T& x : v) q += (double(x) - r.mean) * (double(x) - r.mean);
  r.se = v.size() > 1 ? std::sqrt(q / double(v.size() - 1) / double(v.size())) : 0.0;
  return r;
}

// The mean of n values from their sum s and sum of squares ss, with its standard error
// sqrt(max(0, (ss/n - mean^2) n/(n - 1)) / n) (a NaN variance counts as 0, as std::max(0, NaN) does).
template <class T> std::pair<T, T> mean_se_of_sums(const T& s, const T& ss, const T& n) {
  using std::sqrt;
  const T m = s / n;
  T v = (ss / n - m * m) * n / (n - 1);
  if (!(v > 0)) v = T(0);
  return {m, T(sqrt(T(v / n)))};
}

// Wilson score interval at normal quantile z for k successes in n trials (n > 0), clipped to [0, 1].
inline std::pair<double, double> wilson_interval(int k, int n, double z = kZ999) {
  const double p = double(k) / n, z2 = z * z / n, c = (p + z2 / 2) / (1 + z2);
  const double h = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n)) / (1 + z2);
  return {std::max(0.0, c - h), std::min(1.0, c + h)};
}

}  // namespace irverify
