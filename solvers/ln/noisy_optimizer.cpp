#include "solvers/ln/noisy_optimizer.hpp"

#include "solvers/iterate/adam.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/iterate/momentum.hpp"
#include "solvers/ln/label_noise_lanes.hpp"
#include "solvers/parallel/block_reduce.hpp"
#include "solvers/stats/moment_sums.hpp"
#include "theory/scalar.hpp"

#include <stdexcept>
#include <type_traits>

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

template <class S> PairedEstimate<S> paired_estimate(int A, long runs, const MomentSums<S>& tot) {
  const Vec<S> mean = tot.mean(runs), se = tot.std_error(runs);
  PairedEstimate<S> r;
  r.runs = runs;
  for (int a = 0; a < A; ++a) {
    r.mean.push_back(mean(a));
    r.se.push_back(se(a));
    r.diff.push_back(mean(A + a));
    r.diff_se.push_back(se(A + a));
  }
  return r;
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
  // Sums of phi per arm, then of phi_0 - phi_a, run by run.
  const auto add_run = [A](Vec<S>& v, MomentSums<S>& acc) {
    v(A) = S(0);
    for (int a = 1; a < A; ++a) v(A + a) = v(0) - v(a);
    acc.add(v);
  };
  const BlockReduceOptions blocks{run, 16};
  // Eight runs in the lanes (the same bits, a tape model's up to rounding), the first arm's draws recorded for the rest.
  if constexpr (std::is_same_v<S, double>)
    if (LabelNoiseLanes::supports(m, noise, A > 1 ? static_cast<double>(arms[0].steps) * arms[0].draws : 0))
      return paired_estimate(A, run.samples, block_reduce_blocks(blocks, MomentSums<S>(2 * A), [&] {
        return [&, lanes = LabelNoiseLanes(m, noise, run.seed), x = Vec<S>(),
                vs = std::vector<Vec<S>>(LabelNoiseLanes::kLanes, Vec<S>(2 * A))](long first, long last,
                                                                                       MomentSums<S>& acc) mutable {
          for (long k0 = first; k0 < last; k0 += LabelNoiseLanes::kLanes) {
            const int g = static_cast<int>(std::min<long>(LabelNoiseLanes::kLanes, last - k0));
            for (int a = 0; a < A; ++a) {  // every arm on the first arm's draws (recorded once)
              if (a == 0) lanes.start(k0, g, theta0, A > 1);
              else lanes.rewind(theta0);
              lanes.run_arm(arms[a], run.deadline);
              for (int l = 0; l < g; ++l) {
                lanes.get(l, x);
                vs[l](a) = phi(x);
              }
            }
            for (int l = 0; l < g; ++l) add_run(vs[l], acc);
          }
        };
      }));
  return paired_estimate(A, run.samples, block_reduce(blocks, MomentSums<S>(2 * A), [&] {
    return [&, src = LabelNoiseStep<S>(m, noise, run.seed, 0), x = Vec<S>(), v = Vec<S>(2 * A)](long k, MomentSums<S>& acc) mutable {
      for (int a = 0; a < A; ++a) {
        src.restart(static_cast<std::uint64_t>(k));
        x = arm_start(arms[a], theta0);
        NoisyArmStep<S> step(src, arms[a], n);
        iterate_checked_at_end(step, x, arms[a].steps, DeadlineCheck::per_batch(&run.deadline, arms[a].draws * noise.batch),
                               "noisy optimizer");
        v(a) = phi(Vec<S>(x.head(n)));
      }
      add_run(v, acc);
    };
  }));
}

#define IRVERIFY_INST(S)                                                                                           \
  template PairedEstimate<S> noisy_optimizer_paired<S>(const Model<S>&, const LabelNoise<S>&, const Vec<S>&,    \
                                                       const std::vector<NoisyArm<S>>&,                         \
                                                       const std::function<S(const Vec<S>&)>&, const RunControl&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
