// Tolerances derived from the precision (STYLE.md lessons 3-4): one table.
#pragma once

#include "theory/scalar.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace irverify::tol {

using ::irverify::eps;  // theory/scalar.hpp: the one epsilon
// The smallest quantity a double simulation resolves next to numbers of size `scale`: 2^20 eps_double scale (their
// rounding stays below 2^-20 of it), in mp50 since a problem file's decimals may lie outside double's range. The LN
// claims refuse a sigma below it, the RANK claims a weight_decay.
inline mp50 double_resolution(const mp50& scale = mp50(1)) {
  return ldexp(mp50(std::numeric_limits<double>::epsilon()), 20) * scale;
}
template <class S> S sqrt_eps() { using std::sqrt; return sqrt(eps<S>()); }
template <class S> S cbrt_eps() { using std::cbrt; return cbrt(eps<S>()); }
template <class S> S ulps(int n) { return S(n) * eps<S>(); }

// Central-difference step for an O(1)-scaled argument, and the matching error
// bound C (h^2 + eps/h): truncation h^2 |f'''|/6 plus rounding eps |f| / h. C = 64
// covers |f'''|/6 and |f| up to 64 on the O(1) instances the checks use.
template <class S> S central_step() { return cbrt_eps<S>(); }
template <class S> S central_difference_bound() {
  const S h = central_step<S>();
  return 64 * (h * h + eps<S>() / h);
}

// |a - b| <= max(rel * max(|a|, |b|), abs_floor).
template <class S> bool near(const S& a, const S& b, const S& rel, const S& abs_floor) {
  using std::abs;
  const S scale = std::max(S(abs(a)), S(abs(b)));
  return S(abs(a - b)) <= std::max(S(rel * scale), abs_floor);
}

}  // namespace irverify::tol
