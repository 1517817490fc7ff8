#include "solvers/ln/manifold_flow.hpp"

#include "solvers/ln/drift.hpp"
#include "theory/stability/interpolation.hpp"

#include <stdexcept>

namespace irverify {

template <class S> Vec<S> regularizer_field(const Model<S>& m, const Vec<S>& theta, const S& eta) {
  const Vec<S> g = eta > 0 ? log_regularizer_gradient<S>(m, theta, eta) : trace_regularizer_gradient<S>(m, theta);
  const Mat<S> V = output_jacobian<S>(m, theta);
  return -(g - min_norm_step<S>(V, Vec<S>(V * g)));
}

template <class S>
std::vector<Vec<S>> regularizer_flow(const Model<S>& m, const Vec<S>& theta0, const S& eta, const std::vector<S>& at,
                                     const S& dt, const S& tol, const Deadline& deadline) {
  if (!(dt > 0)) throw std::invalid_argument("regularizer_flow: dt must be positive");
  std::vector<Vec<S>> out;
  Vec<S> x = theta0;
  S t(0);
  for (const S& target : at) {
    if (target < t) throw std::invalid_argument("regularizer_flow: times must ascend from 0");
    while (t < target) {
      deadline.check();
      const S h = std::min(dt, S(target - t));
      const Vec<S> k1 = regularizer_field<S>(m, x, eta);
      const Vec<S> k2 = regularizer_field<S>(m, Vec<S>(x + (h / 2) * k1), eta);
      const Vec<S> k3 = regularizer_field<S>(m, Vec<S>(x + (h / 2) * k2), eta);
      const Vec<S> k4 = regularizer_field<S>(m, Vec<S>(x + h * k3), eta);
      x += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      const InterpolationResult<S> p = gauss_newton_minimum<S>(m, x, tol);
      if (!p.converged) throw std::runtime_error("regularizer_flow: the projection on the manifold did not converge");
      x = p.theta;
      t = target - t <= dt ? target : S(t + h);
    }
    out.push_back(x);
  }
  return out;
}

template <class S>
FlowRest<S> regularizer_flow_to_rest(const Model<S>& m, const Vec<S>& theta0, const S& eta, const S& dt, const S& tol,
                                     const S& rest, const S& max_time, const Deadline& deadline) {
  FlowRest<S> r{theta0, S(0), S(regularizer_field<S>(m, theta0, eta).norm())};
  const S chunk = 64 * dt;
  while (r.field > rest && r.time < max_time) {
    r.theta = regularizer_flow<S>(m, r.theta, eta, {chunk}, dt, tol, deadline).back();
    r.time += chunk;
    r.field = regularizer_field<S>(m, r.theta, eta).norm();
  }
  return r;
}

#define IRVERIFY_INST(S)                                                                                          \
  template Vec<S> regularizer_field<S>(const Model<S>&, const Vec<S>&, const S&);                               \
  template std::vector<Vec<S>> regularizer_flow<S>(const Model<S>&, const Vec<S>&, const S&, const std::vector<S>&, \
                                                   const S&, const S&, const Deadline&);                          \
  template FlowRest<S> regularizer_flow_to_rest<S>(const Model<S>&, const Vec<S>&, const S&, const S&, const S&, const S&, \
                                                   const S&, const Deadline&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
