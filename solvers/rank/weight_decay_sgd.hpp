// SGD with weight decay (Galanti, Siegel, Gupte & Poggio 2022, eq. (2); issue 15, RANK claims):
//   theta_{t+1} = (1 - 2 mu lambda) theta_t - mu g_t,   g_t = (1/B) sum_{i in B_t} grad l_i(theta_t),
// the minibatch gradient of the loss without the decay term: SGD on L + lambda |theta|^2 (decay on every weight
// matrix). B_t from solvers/sgd/batch_sampler.hpp on CounterStream(seed, run, kWeightDecayDomain); B = N without
// replacement is GD with weight decay (the full batch every step, nothing drawn). A run is a pure function of
// (seed, run); Monte Carlo over runs goes through block_map (solvers/parallel), bit-identical for any thread count.
#pragma once

#include "solvers/control/deadline.hpp"
#include "solvers/sgd/batch_sampler.hpp"
#include "theory/models/model.hpp"

#include <cstdint>

namespace irverify {

inline constexpr std::uint32_t kWeightDecayDomain = 12;  // batches

template <class S> struct WeightDecay {
  S mu, lambda;
  int batch = 1;
  BatchSampling sampling = BatchSampling::WithoutReplacement;
};

// Run `run`'s stepper under `seed` (usable with iterate): operator()(theta) takes one step; gradient() is the step's g_t.
template <class S> class WeightDecayStep {
 public:
  // Throws std::invalid_argument unless mu > 0, lambda >= 0, 2 mu lambda < 1, and the batch fits (BatchSampler).
  WeightDecayStep(const Model<S>& m, const WeightDecay<S>& wd, std::uint64_t seed, std::uint64_t run);
  void operator()(Vec<S>& theta);
  const Vec<S>& gradient() const { return g_; }
  const Batch& batch() const { return batch_; }
  const S& decay() const { return decay_; }  // 1 - 2 mu lambda
  // Batches above 8192 examples take the gradient over chunks of 8192 (always: the bits do not depend on a deadline),
  // with a look at `deadline` between them (one step over 2^24 examples in mp50 takes half a minute).
  void watch(const Deadline* deadline) { deadline_ = deadline; }

 private:
  const Model<S>& m_;
  WeightDecay<S> wd_;
  S decay_;
  CounterStream rng_;
  BatchSampler sampler_;
  Batch batch_, chunk_;
  Vec<S> g_;
  const Deadline* deadline_ = nullptr;
};

// `steps` steps of run `run` under `seed` from theta0 (the deadline checked as DeadlineCheck::per_batch says;
// NumericalFault if the iterate is not finite at the end). Many runs, and runs watched by an observer:
// solvers/rank/weight_decay_runs.hpp.
template <class S>
Vec<S> weight_decay_run(const Model<S>& m, const WeightDecay<S>& wd, const Vec<S>& theta0, long steps, std::uint64_t seed,
                        std::uint64_t run, const Deadline& deadline = {});

}  // namespace irverify
