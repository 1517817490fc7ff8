// Error rates over repeated runs, for the calibration study (checks/framework/calibration.hpp): whether a
// statement's rate of wrong outcomes over K independent seeds exceeds its stated level, and how far its test's
// p-values are from the uniform distribution a valid test gives under its null.
#pragma once

#include <vector>

namespace irverify {

// P(X >= k) for X ~ Binomial(n, p): how likely k or more wrong outcomes in n runs are at rate p (1 for k <= 0).
double binomial_upper_tail(long k, long n, double p);
// The one-sided Clopper-Pearson upper bound on a rate from k of n, at `confidence` (e.g. 0.99).
double rate_upper_bound(long k, long n, double confidence);

// The Kolmogorov-Smirnov distances of n p-values from the uniform distribution on [0, 1]: plus = sup (F_n(x) - x)
// (p-values smaller than a valid test's: the test rejects too often), minus = sup (x - F_n(x)) (larger: it is
// conservative, as Bonferroni's and Sidak's bounds are for correlated z's).
struct KsDistance {
  long n = 0;
  double plus = 0, minus = 0;
  // P(D+ >= plus) under a uniform null, by Smirnov's asymptotic exp(-2 n plus^2) (1 for n = 0).
  double plus_p_value() const;
};
KsDistance ks_from_uniform(std::vector<double> p);

}  // namespace irverify
