// Adam and RMSProp as a stepper of iterate() (CLAIMS.md ADAM; Kingma & Ba 2015 in Cattaneo, Klusowski & Shigida's
// conventions), on the state x = [theta; m; nu] (3 dim entries), m_0 = nu_0 = 0:
//   m_{n+1} = beta m_n + (1-beta) g(theta_n),  nu_{n+1} = rho nu_n + (1-rho) g(theta_n)^2 (componentwise),
//   bias correction (optional): mhat = m_{n+1}/(1 - beta^{n+1}), nuhat = nu_{n+1}/(1 - rho^{n+1}) (else mhat = m, ...),
//   theta_{n+1} = theta_n - h mhat / sqrt(nuhat + eps)   (eps inside the root, the authors' code), or
//   theta_{n+1} = theta_n - h mhat / (sqrt(nuhat) + eps) (eps outside, PyTorch's).
// RMSProp is beta = 0. The update counts its steps (the bias correction's powers), so one stepper runs one trajectory.
#pragma once

#include "theory/losses/adam_field.hpp"
#include "theory/models/model.hpp"

#include <type_traits>

namespace irverify {

template <class S> Vec<S> adam_state(const Vec<S>& theta0) {
  Vec<S> x = Vec<S>::Zero(3 * theta0.size());
  x.head(theta0.size()) = theta0;
  return x;
}

// The update of x = [theta; m; nu] by a given gradient g (full batch, minibatch or noisy); it counts its calls.
template <class S> struct AdamUpdate {
  S h;
  AdamHyper<S> a;
  bool bias_correction = true;
  S beta_power = S(1), rho_power = S(1);  // beta^n, rho^n after n steps
  void operator()(Vec<S>& x, const Vec<S>& g) {
    using std::sqrt;
    const Eigen::Index n = x.size() / 3;
    auto theta = x.head(n);
    auto m = x.segment(n, n);
    auto nu = x.tail(n);
    m = a.beta * m + (1 - a.beta) * g;
    nu = a.rho * nu + (1 - a.rho) * g.cwiseProduct(g);
    beta_power *= a.beta;
    rho_power *= a.rho;
    const S cm = bias_correction ? S(1 / (1 - beta_power)) : S(1), cv = bias_correction ? S(1 / (1 - rho_power)) : S(1);
    if constexpr (std::is_same_v<S, double>) {  // the loop's IEEE operations, two entries to a packet (sqrtpd)
      const S hcm = h * cm;
      if (a.eps_inside) theta.array() -= hcm * m.array() / (cv * nu.array() + a.eps).sqrt();
      else theta.array() -= hcm * m.array() / ((cv * nu.array()).sqrt() + a.eps);
      return;
    }
    for (Eigen::Index j = 0; j < n; ++j) {
      const S v = cv * nu(j);
      theta(j) -= h * cm * m(j) / (a.eps_inside ? S(sqrt(S(v + a.eps))) : S(sqrt(v) + a.eps));
    }
  }
};

// Full-batch (or fixed-batch) Adam: the update by g = grad L_batch(theta).
template <class S> struct AdamStep {
  const Model<S>& model;
  const Batch& batch;
  AdamUpdate<S> update;
  AdamStep(const Model<S>& m, const Batch& b, const S& h, const AdamHyper<S>& a, bool bias_correction = true)
      : model(m), batch(b), update{h, a, bias_correction} {}
  void operator()(Vec<S>& x) { update(x, model.gradient(Vec<S>(x.head(x.size() / 3)), batch)); }
};

}  // namespace irverify
