#include "solvers/order/order_fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace irverify {

OrderFit fit_order(const std::vector<double>& h, const std::vector<double>& err, const OrderFitOptions& opt) {
  if (h.size() != err.size()) throw std::invalid_argument("fit_order: h and err differ in length");
  for (std::size_t k = 1; k < h.size(); ++k)
    if (!(h[k] < h[k - 1])) throw std::invalid_argument("fit_order: steps must decrease");
  OrderFit f;
  f.h = h;
  f.err = err;
  f.floor_given = opt.floor;
  const std::size_t n = h.size();
  f.pairwise.assign(n, std::numeric_limits<double>::quiet_NaN());
  f.excluded.assign(n, false);
  for (std::size_t k = 1; k < n; ++k)
    if (err[k] > 0 && err[k - 1] > 0) f.pairwise[k] = std::log(err[k - 1] / err[k]) / std::log(h[k - 1] / h[k]);
  // The floor starts at the first stall that errors never leave: no later error falls below a quarter of it.
  // (A stall followed by a real decrease is pre-asymptotic, e.g. a sign change of the error; it is kept and
  // the tail fit sees past it.)
  std::vector<bool> at_floor(n, false);
  for (std::size_t k = 0; k < n; ++k) {
    const bool stall = !(err[k] > 0) || (k > 0 && !(f.pairwise[k] >= opt.stall_order));
    if (!stall) continue;
    double later_min = std::numeric_limits<double>::infinity();
    for (std::size_t j = k + 1; j < n; ++j) later_min = std::min(later_min, err[j]);
    if (!(err[k] > 0) || !(later_min < err[k] / 4)) {
      for (std::size_t j = k; j < n; ++j) {
        at_floor[j] = true;
        f.floor_detected = std::max(f.floor_detected, err[j]);
      }
      break;
    }
  }
  const double floor = std::max(opt.floor, f.floor_detected);
  const bool mc = !opt.sigma.empty();
  if (mc && opt.sigma.size() != n) throw std::invalid_argument("fit_order: sigma and err differ in length");
  for (std::size_t k = 0; k < n; ++k)
    f.excluded[k] = at_floor[k] || !(err[k] > opt.margin * floor) || (mc && !(err[k] > opt.margin * opt.sigma[k]));
  std::vector<int> usable;
  for (std::size_t k = 0; k < n; ++k)
    if (!f.excluded[k]) usable.push_back(static_cast<int>(k));
  if (static_cast<int>(usable.size()) < opt.min_points) {
    f.note = "fewer than " + std::to_string(opt.min_points) + " points above the floor";
    return f;
  }
  const int m = std::min<int>(opt.tail, static_cast<int>(usable.size()));
  f.fitted.assign(usable.end() - m, usable.end());
  // A Monte Carlo point with sigma = 0 is exact (every sample equal, e.g. an antithetic pair that is every order):
  // its weight would be infinite, so such a tail is fitted unweighted, as deterministic errors are.
  const bool weighted = mc && std::all_of(f.fitted.begin(), f.fitted.end(), [&](int k) { return opt.sigma[k] > 0; });
  double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (int k : f.fitted) {
    const double w = weighted ? std::pow(err[k] / opt.sigma[k], 2) : 1.0;
    const double x = std::log(h[k]), y = std::log(err[k]);
    sw += w; sx += w * x; sy += w * y; sxx += w * x * x; sxy += w * x * y;
  }
  const double sdx = sxx - sx * sx / sw;
  f.slope = (sxy - sx * sy / sw) / sdx;
  f.intercept = (sy - f.slope * sx) / sw;
  if (weighted) {
    f.slope_stderr = std::sqrt(1 / sdx);
  } else {
    double rss = 0;
    for (int k : f.fitted) {
      const double r = std::log(err[k]) - (f.slope * std::log(h[k]) + f.intercept);
      rss += r * r;
    }
    f.slope_stderr = m > 2 ? std::sqrt(rss / (m - 2.0) / sdx) : 0.0;
  }
  f.ok = true;
  return f;
}

bool order_matches(const OrderFit& f, double p, double delta) { return f.ok && std::abs(f.slope - p) <= delta; }

bool mc_order_matches(const OrderFit& f, double p, double delta) {
  return f.ok && std::abs(f.slope - p) <= std::max(delta, 1.96 * f.slope_stderr);
}

}  // namespace irverify
