#include "solvers/stability/momentum_growth.hpp"

#include "theory/linalg/decompositions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace irverify {

namespace {
// The two root moduli of z^2 - b z + beta (beta > 0): real roots when b^2 >= 4 beta, else a pair of modulus sqrt(beta).
template <class S> void root_moduli(const S& b, const S& beta, std::vector<S>& out, bool* real = nullptr) {
  using std::abs;
  using std::sqrt;
  const S disc = b * b - 4 * beta;
  if (disc >= 0) {
    const S r = (abs(b) + sqrt(disc)) / 2;  // the larger root's modulus; the other is beta / r
    out.push_back(r);
    out.push_back(r > 0 ? S(beta / r) : S(0));
  } else {
    out.push_back(sqrt(beta));
    out.push_back(sqrt(beta));
  }
  if (real) *real = disc > 0;
}
}  // namespace

template <class S> std::vector<S> momentum_moduli(const Vec<S>& lambda, const S& eta, const S& beta) {
  std::vector<S> q;
  for (Eigen::Index k = 0; k < lambda.size(); ++k) root_moduli<S>(S(1 + beta - eta * lambda(k)), beta, q);
  std::sort(q.begin(), q.end(), [](const S& a, const S& b) { return a > b; });
  return q;
}

template <class S> bool momentum_leading_root_real(const Vec<S>& lambda, const S& eta, const S& beta) {
  S top(-1), second(-1);
  bool top_real = false;
  for (Eigen::Index k = 0; k < lambda.size(); ++k) {
    std::vector<S> q;
    bool real = false;
    root_moduli<S>(S(1 + beta - eta * lambda(k)), beta, q, &real);
    for (std::size_t i = 0; i < q.size(); ++i) {
      if (q[i] > top) second = top, top = q[i], top_real = real && i == 0;
      else if (q[i] > second) second = q[i];
    }
  }
  return top_real && top > second;
}

template <class S> S momentum_linear_rate(const Mat<S>& V, const Vec<S>& delta0, const S& eta, const S& beta, int steps) {
  using std::log;
  using std::sqrt;
  if (steps < 2) throw std::invalid_argument("momentum_linear_rate: steps must be >= 2");
  const S scale = eta / S(static_cast<int>(V.rows()));
  const Cholesky<S> gram(Mat<S>(V * V.transpose()));
  auto project = [&](const Vec<S>& x) { return Vec<S>(V.transpose() * gram.solve(Vec<S>(V * x))); };
  Vec<S> x = project(delta0), d = Vec<S>::Zero(x.size());
  x /= x.norm();
  S log_norm(0), at_half(0);
  for (int t = 1; t <= steps; ++t) {
    const Vec<S> step = project(Vec<S>(beta * d - scale * (V.transpose() * Vec<S>(V * x))));
    x = project(Vec<S>(x + step));  // the sum's rounding would feed the null space, where z = 1 does not decay
    d = step;
    const S nrm = sqrt(S(x.squaredNorm() + d.squaredNorm()));
    if (nrm == 0) return -std::numeric_limits<S>::infinity();
    log_norm += log(nrm);
    x /= nrm;
    d /= nrm;
    if (t == steps / 2) at_half = log_norm;
  }
  return (log_norm - at_half) / S(steps - steps / 2);
}

#define IRVERIFY_INST(S)                                                                  \
  template std::vector<S> momentum_moduli<S>(const Vec<S>&, const S&, const S&);         \
  template bool momentum_leading_root_real<S>(const Vec<S>&, const S&, const S&);        \
  template S momentum_linear_rate<S>(const Mat<S>&, const Vec<S>&, const S&, const S&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
