#include "solvers/stats/error_rates.hpp"

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/special_functions/beta.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace irverify {

double binomial_upper_tail(long k, long n, double p) {
  if (n < 0 || k > n || !(p >= 0 && p <= 1)) throw std::invalid_argument("binomial_upper_tail: need 0 <= p <= 1, k <= n");
  if (k <= 0) return 1;
  if (p == 0) return 0;
  if (p == 1) return 1;
  return boost::math::ibeta(double(k), double(n - k + 1), p);  // P(X >= k) = I_p(k, n - k + 1)
}

double rate_upper_bound(long k, long n, double confidence) {
  if (n < 1 || k < 0 || k > n || !(confidence > 0 && confidence < 1))
    throw std::invalid_argument("rate_upper_bound: need 0 <= k <= n, n >= 1, 0 < confidence < 1");
  using B = boost::math::binomial_distribution<double>;
  return B::find_upper_bound_on_p(double(n), double(k), 1 - confidence, B::clopper_pearson_exact_interval);
}

double KsDistance::plus_p_value() const { return n == 0 ? 1.0 : std::min(1.0, std::exp(-2.0 * double(n) * plus * plus)); }

KsDistance ks_from_uniform(std::vector<double> p) {
  std::sort(p.begin(), p.end());
  KsDistance d;
  d.n = static_cast<long>(p.size());
  for (long i = 0; i < d.n; ++i) {
    const double x = std::clamp(p[i], 0.0, 1.0);
    d.plus = std::max(d.plus, double(i + 1) / double(d.n) - x);
    d.minus = std::max(d.minus, x - double(i) / double(d.n));
  }
  return d;
}

}  // namespace irverify
