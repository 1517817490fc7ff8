// Heavy-ball and Nesterov momentum as steppers of iterate() (CLAIMS.md, MOM; Ghosh et al. ICLR 2023), on the state
// x = [theta; d] (2 dim entries):
//   HeavyBall (Polyak, P):     theta_{n+1} = theta_n + beta d_n - h g(theta_n),                d = theta_n - theta_{n-1};
//   Sutskever (S):             theta_{n+1} = theta_n + beta d_n - h g(theta_n + beta d_n),    d as above;
//   PyTorchNesterov (N):       v_{n+1} = beta v_n + g(theta_n), theta_{n+1} = theta_n - h (g(theta_n) + beta v_{n+1}),
//                              d = v (PyTorch's buffer).
// d_0 = 0 is the start from rest: theta_{-1} = theta_0, PyTorch's zero buffer (its SGD(momentum) with dampening 0
// is HeavyBall with d = -h v).
#pragma once

#include "theory/losses/momentum_field.hpp"
#include "theory/models/model.hpp"

#include <string>

namespace irverify {

inline std::string momentum_name(Momentum m) {
  switch (m) {
    case Momentum::HeavyBall: return "heavy ball (Polyak)";
    case Momentum::Sutskever: return "Nesterov (Sutskever)";
    case Momentum::PyTorchNesterov: return "Nesterov (PyTorch)";
  }
  return "";
}

// The state [theta0; d0] (d0 = 0: from rest).
template <class S> Vec<S> momentum_state(const Vec<S>& theta0, const Vec<S>& d0) {
  Vec<S> x(2 * theta0.size());
  x << theta0, d0;
  return x;
}
template <class S> Vec<S> momentum_state(const Vec<S>& theta0) { return momentum_state<S>(theta0, Vec<S>::Zero(theta0.size())); }

// The heavy-ball update of x = [theta; d] by a given gradient g: d <- beta d - h g, theta <- theta + d.
template <class S> void heavy_ball_update(Vec<S>& x, const Vec<S>& g, const S& h, const S& beta) {
  const Eigen::Index n = x.size() / 2;
  x.tail(n) = beta * x.tail(n) - h * g;
  x.head(n) += x.tail(n);
}

template <class S> struct MomentumStep {
  const Model<S>& model;
  const Batch& batch;
  S h, beta;
  Momentum kind = Momentum::HeavyBall;
  void operator()(Vec<S>& x) const {
    const Eigen::Index n = x.size() / 2;
    auto theta = x.head(n);
    auto d = x.tail(n);
    if (kind == Momentum::PyTorchNesterov) {
      const Vec<S> g = model.gradient(Vec<S>(theta), batch);
      d = beta * d + g;
      theta -= h * (g + beta * d);
      return;
    }
    const Vec<S> at = kind == Momentum::Sutskever ? Vec<S>(theta + beta * d) : Vec<S>(theta);
    heavy_ball_update(x, model.gradient(at, batch), h, beta);
  }
};

}  // namespace irverify
