#include "solvers/ln/noisy_optimizer.hpp"

#include "solvers/iterate/adam.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/iterate/momentum.hpp"
#include "solvers/parallel/block_reduce.hpp"
#include "solvers/stats/moment_sums.hpp"
#include "theory/scalar.hpp"

#include <stdexcept>

namespace irverify {

namespace {

// One arm's stepper on its state ([theta; d] or [theta; m; nu]): g = the mean of `draws` label-noise batch
// gradients at theta, then the optimizer's update.
template <class S> struct NoisyArmStep {
  LabelNoiseStep<S>& source;
  const NoisyArm<S>& arm;
  AdamUpdate<S> adam;
  Vec<S> theta, g;  // buffers: no allocation per step
  NoisyArmStep(LabelNoiseStep<S>& src, const NoisyArm<S>& a, Eigen::Index dim)
      : source(src), arm(a), adam{a.h, a.a, a.bias_correction}, theta(dim), g(dim) {}
  void operator()(Vec<S>& x) {
    const S w = S(1) / arm.draws;
    theta = x.head(theta.size());
    g.setZero();
    for (int q = 0; q < arm.draws; ++q) source.add_gradient(theta, w, g);
    if (arm.kind == NoisyOptimizer::Adam) adam(x, g);
    else heavy_ball_update(x, g, arm.h, arm.a.beta);
  }
};

template <class S> Vec<S> arm_start(const NoisyArm<S>& a, const Vec<S>& theta0) {
  Vec<S> x = Vec<S>::Zero((a.kind == NoisyOptimizer::Adam ? 3 : 2) * theta0.size());
  x.head(theta0.size()) = theta0;
  return x;
}

}  // namespace

template <class S>
PairedEstimate<S> noisy_optimizer_paired(const Model<S>& m, const LabelNoise<S>& noise, const Vec<S>& theta0,
                                         const std::vector<NoisyArm<S>>& arms,
                                         const std::function<S(const Vec<S>&)>& phi, const RunControl& run) {
  const int A = static_cast<int>(arms.size());
  if (A < 1 || run.samples < 2) throw std::invalid_argument("noisy_optimizer_paired: need an arm and runs >= 2");
  for (const NoisyArm<S>& a : arms)
    if (a.draws < 1 || a.steps < 0 || a.steps * a.draws != arms[0].steps * arms[0].draws)
      throw std::invalid_argument("noisy_optimizer_paired: every arm needs draws >= 1 and the same steps * draws");
  const Eigen::Index n = theta0.size();
  // Sums of phi per arm, then of phi_0 - phi_a.
  const MomentSums<S> tot = block_reduce(BlockReduceOptions{run, 16}, MomentSums<S>(2 * A), [&] {
    return [&, src = LabelNoiseStep<S>(m, noise, run.seed, 0), x = Vec<S>(), v = Vec<S>(2 * A)](long k, MomentSums<S>& acc) mutable {
      for (int a = 0; a < A; ++a) {
        src.restart(static_cast<std::uint64_t>(k));
        x = arm_start(arms[a], theta0);
        NoisyArmStep<S> step(src, arms[a], n);
        iterate_checked_at_end(step, x, arms[a].steps, DeadlineCheck::per_batch(&run.deadline, arms[a].draws * noise.batch),
                               "noisy optimizer");
        v(a) = phi(Vec<S>(x.head(n)));
      }
      v(A) = S(0);
      for (int a = 1; a < A; ++a) v(A + a) = v(0) - v(a);
      acc.add(v);
    };
  });
  const Vec<S> mean = tot.mean(run.samples), se = tot.std_error(run.samples);
  PairedEstimate<S> r;
  r.runs = run.samples;
  for (int a = 0; a < A; ++a) {
    r.mean.push_back(mean(a));
    r.se.push_back(se(a));
    r.diff.push_back(mean(A + a));
    r.diff_se.push_back(se(A + a));
  }
  return r;
}

#define IRVERIFY_INST(S)                                                                                           \
  template PairedEstimate<S> noisy_optimizer_paired<S>(const Model<S>&, const LabelNoise<S>&, const Vec<S>&,    \
                                                       const std::vector<NoisyArm<S>>&,                         \
                                                       const std::function<S(const Vec<S>&)>&, const RunControl&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
