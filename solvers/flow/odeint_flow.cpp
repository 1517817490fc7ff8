#include "solvers/flow/odeint_flow.hpp"

#include "theory/scalar.hpp"

#include <boost/numeric/odeint.hpp>

namespace irverify {

template <class S>
Vec<S> odeint_gradient_flow(const Model<S>& m, const Batch& b, const Vec<S>& x0, const S& t, const S& tol,
                            OdeintMethod method, FlowStats* stats, const Deadline& deadline) {
  namespace od = boost::numeric::odeint;
  using State = std::vector<S>;
  State x(x0.data(), x0.data() + x0.size());
  auto sys = [&](const State& s, State& dsdt, const S&) {
    deadline.check();
    const Vec<S> th = Eigen::Map<const Vec<S>>(s.data(), static_cast<Eigen::Index>(s.size()));
    const Vec<S> g = m.gradient(th, b);
    for (std::size_t i = 0; i < s.size(); ++i) dsdt[i] = -g(static_cast<Eigen::Index>(i));
  };
  std::size_t steps = 0;
  const S dt0 = t / 16;
  if (method == OdeintMethod::RKF78) {
    auto stepper = od::make_controlled(tol, tol, od::runge_kutta_fehlberg78<State, S, State, S>());
    steps = od::integrate_adaptive(stepper, sys, x, S(0), t, dt0);
  } else {
    od::bulirsch_stoer<State, S, State, S> stepper(tol, tol);
    steps = od::integrate_adaptive(stepper, sys, x, S(0), t, dt0);
  }
  if (stats) {
    stats->steps = static_cast<long>(steps);
    stats->order = method == OdeintMethod::RKF78 ? 7 : 0;
  }
  return Eigen::Map<const Vec<S>>(x.data(), static_cast<Eigen::Index>(x.size()));
}

#define IRVERIFY_INST(S)                                                                                      \
  template Vec<S> odeint_gradient_flow<S>(const Model<S>&, const Batch&, const Vec<S>&, const S&, const S&, \
                                          OdeintMethod, FlowStats*, const Deadline&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
