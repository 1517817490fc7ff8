// A minibatch optimizer (simd::Update, solvers/simd/views.hpp: SGD, SGD with weight decay, heavy ball, Adam) on the
// generic Model path in any precision: the reference of its SIMD kernels (make_optimizer_kernel in
// solvers/sgd/kernel_monte_carlo.hpp), which sum the batch gradient in their own order. The update's constants are
// the Update's doubles, taken exactly. The state x is theta, then d (heavy ball: solvers/iterate/momentum.hpp) or m
// and nu (Adam: solvers/iterate/adam.hpp, whose step count the object carries, so one object runs one trajectory);
// each step takes g = Model::gradient(theta, batch), the batch's mean gradient:
//   SGD theta -= h g;  weight decay theta = (1 - 2 h lambda) theta - h g (solvers/rank/weight_decay_sgd.hpp);
//   heavy ball heavy_ball_update;  Adam AdamUpdate.
#pragma once

#include "solvers/iterate/adam.hpp"
#include "solvers/iterate/momentum.hpp"
#include "solvers/simd/views.hpp"

namespace irverify {

template <class S> class OptimizerSteps {
 public:
  OptimizerSteps(const Model<S>& m, const simd::Update& u)
      : m_(m), u_(u), adam_{S(u.h), {S(u.beta), S(u.rho), S(u.eps), u.eps_inside}, u.bias_correction} {}

  // The state from rest (d = m = nu = 0).
  Vec<S> start(const Vec<S>& theta0) const {
    if (u_.kind == simd::UpdateKind::Adam) return adam_state<S>(theta0);
    return u_.kind == simd::UpdateKind::HeavyBall ? momentum_state<S>(theta0) : theta0;
  }
  // One step on batch b.
  void operator()(Vec<S>& x, const Batch& b) {
    const Eigen::Index d = m_.dim();
    const Vec<S> g = m_.gradient(Vec<S>(x.head(d)), b);
    switch (u_.kind) {
      case simd::UpdateKind::Sgd: x -= S(u_.h) * g; return;
      case simd::UpdateKind::WeightDecay: x = (1 - 2 * S(u_.h) * S(u_.lambda)) * x - S(u_.h) * g; return;
      case simd::UpdateKind::HeavyBall: return heavy_ball_update<S>(x, g, S(u_.h), S(u_.beta));
      case simd::UpdateKind::Adam: return adam_(x, g);
    }
  }

 private:
  const Model<S>& m_;
  simd::Update u_;
  AdamUpdate<S> adam_;
};

}  // namespace irverify
