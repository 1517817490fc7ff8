// Heavy ball and Adam driven by label-noise minibatch gradients (solvers/ln/label_noise.hpp), and the paired Monte
// Carlo of ADAM-2 (CLAIMS.md; Malladi, Lyu, Panigrahi & Arora, NeurIPS 2022): several arms run on common random
// numbers. An arm takes `steps` steps, each on `draws` consecutive label-noise batches of B examples (so a batch of
// draws B, the mean of their gradients at theta); arms whose steps * draws agree consume the same draws of run k
// (CounterStream(seed, k, kLabelNoiseDomain)) in the same order, so the scaled run's step j sees exactly the
// examples and labels of the unscaled run's steps j draws .. (j + 1) draws - 1 (the coupling of a step h with one of
// kappa h through summed increments).
//   heavy ball:  d <- beta d - h g, theta <- theta + d (from rest, d_0 = 0: PyTorch's SGD(momentum), dampening 0);
//   Adam:        solvers/iterate/adam.hpp (m_0 = nu_0 = 0, bias correction optional, eps inside or outside).
#pragma once

#include "solvers/control/run_control.hpp"
#include "solvers/ln/label_noise.hpp"
#include "theory/losses/adam_field.hpp"

#include <functional>
#include <vector>

namespace irverify {

enum class NoisyOptimizer { HeavyBall, Adam };

template <class S> struct NoisyArm {
  NoisyOptimizer kind = NoisyOptimizer::Adam;
  S h;
  AdamHyper<S> a;  // heavy ball reads a.beta only
  bool bias_correction = true;
  int draws = 1;   // label-noise batches per step (the batch size in units of B)
  long steps = 0;
};

// E phi(theta_steps) of every arm and E[phi_0 - phi_a] for a >= 1, with standard errors over `runs` runs (the
// sample sd / sqrt(runs)); phi(theta) is evaluated once per run and arm.
template <class S> struct PairedEstimate {
  std::vector<S> mean, se;            // per arm
  std::vector<S> diff, diff_se;       // arm 0 minus arm a, a = 1.. (diff[0] = 0)
  long runs = 0;
};

// run.samples >= 2 runs under run.seed; the label noise's eta is unused (each arm has its h); every arm's
// steps * draws must be equal (std::invalid_argument otherwise); a run that stops being finite throws NumericalFault.
template <class S>
PairedEstimate<S> noisy_optimizer_paired(const Model<S>& m, const LabelNoise<S>& noise, const Vec<S>& theta0,
                                         const std::vector<NoisyArm<S>>& arms,
                                         const std::function<S(const Vec<S>&)>& phi, const RunControl& run);

}  // namespace irverify
