// Label-noise SGD (Damian, Ma & Lee 2021, Sec. 2; CLAIMS.md LN) on a regression model (r_i = f_i - y_i residual,
// v_i = grad f_i). A step draws a batch i_1..i_B (with replacement: B independent uniform indices; without: a
// uniform B-subset; B = N without replacement is label-noise GD) and a Rademacher sign s_j per drawn index, fresh
// each step, and takes
//   theta <- theta - eta (1/B) sum_j (r_{i_j}(theta) - s_j sigma) v_{i_j}(theta),
// the gradient step on (1/(2B)) sum_j (f_{i_j} - y_{i_j} - s_j sigma)^2 (labels y' = y + s sigma).
// Run k under seed `seed` draws everything from CounterStream(seed, k, kLabelNoiseDomain) (its words eight Philox
// blocks at a time: solvers/sgd/stream_words.hpp): each step its batch (solvers/sgd/batch_sampler.hpp: the B
// indices, or the B Fisher-Yates offsets, several to a 32-bit word; nothing for GD, which takes the examples in index
// order), then its signs from 32-bit words used up bit by bit (LabelSigns: a word's leftover bits carry over to the
// next step). So a run is a pure function of (seed, k) and Monte Carlo moments are bit-identical for any thread count
// (solvers/parallel).
#pragma once

#include "solvers/control/run_control.hpp"
#include "theory/models/least_squares.hpp"
#include "theory/models/model.hpp"
#include "solvers/sgd/batch_sampler.hpp"
#include "solvers/sgd/stream_words.hpp"
#include "theory/random/counter_stream.hpp"
#include "theory/stability/sgd_operator.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace irverify {

inline constexpr std::uint32_t kLabelNoiseDomain = 11;  // batches and label signs

template <class S> struct LabelNoise {
  S eta;
  S sigma;
  int batch = 1;
  BatchSampling sampling = BatchSampling::WithReplacement;
};

// A run's label signs: 32 to a word of its stream, lowest bit first; a word's leftover bits carry over to the next
// step. next() is the sign's bit (1: s = +1, -s sigma = -sigma).
struct LabelSigns {
  template <class Words> unsigned next(Words& words) {
    if (left == 0) {
      bits = words.next_u32();
      left = 32;
    }
    const unsigned b = bits & 1u;
    bits >>= 1;
    --left;
    return b;
  }
  std::uint32_t bits = 0;
  int left = 0;
};

// Run `run`'s stepper under `seed`: operator()(theta) takes one label-noise step (usable with iterate /
// iterate_until); restart(run) makes it run `run`'s stepper again without reallocating (what a Monte Carlo worker
// does between runs).
template <class S> class LabelNoiseStep {
 public:
  LabelNoiseStep(const Model<S>& m, const LabelNoise<S>& ln, std::uint64_t seed, std::uint64_t run);
  void operator()(Vec<S>& theta);
  // Draws the next batch and signs and adds w times their gradient, (w/B) sum_j (r_{i_j} - s_j sigma) v_{i_j} at
  // theta, to out (which may be theta): the step is add_gradient(theta, -eta, theta), the same draws as operator().
  void add_gradient(const Vec<S>& theta, const S& w, Vec<S>& out);
  void restart(std::uint64_t run);
  int batch() const { return ln_.batch; }  // examples drawn per step

 private:
  const Model<S>& m_;
  const LeastSquares<S>* ls_;  // least squares: r_i and v_i = x_i read from X in place (no per-example allocation)
  LabelNoise<S> ln_;
  std::uint64_t seed_;
  StreamWords rng_;
  LabelSigns signs_;
  BatchSampler sampler_;
  Vec<S> step_, r_;  // the batch gradient (generic models); the scaled residuals c (r_i - s sigma)
  S noise_[2];  // -s sigma for s = -1, +1 (bit 0, 1): r + noise_[bit] is r - s sigma exactly
  // The next label sign's -s sigma: indexed, not branched on (the sign is a coin flip no predictor learns).
  const S& noise() { return noise_[signs_.next(rng_)]; }
};

// Mean and covariance of theta after `steps` steps from theta0, over `runs` independent runs (run k = stream k).
// Accumulated as deviations d = theta - ref (ref: a point near the mean, e.g. the minimum, so that O(sigma^2)
// moments are not lost to cancellation). With a projection (k x dim, e.g. H's eigenvectors transposed) the moments
// are those of d = proj (theta - ref), the mean included (ref is not added back). Standard errors: of the mean per coordinate, sd / sqrt(runs); of each
// covariance entry, the sample sd of d_i d_j / sqrt(runs) (the mean's own error adds O(1/runs)).
template <class S> struct LabelNoiseMoments {
  Vec<S> mean, mean_se;
  Mat<S> cov, cov_se;
  long runs = 0;
  long steps = 0;
};

struct LabelNoiseMcOptions {
  RunControl run;  // run.samples: runs (run k = stream k under run.seed)
  long steps = 1;
  long from = -1;  // >= 0: the moments of the displacement theta_steps - theta_from instead (ref unused, mean not shifted)
};

template <class S>
LabelNoiseMoments<S> label_noise_moments(const Model<S>& m, const LabelNoise<S>& ln, const Vec<S>& theta0,
                                         const Vec<S>& ref, const LabelNoiseMcOptions& opt, const Mat<S>& proj = Mat<S>());

// The mean of map(theta_k) at the steps `at` (ascending) over opt.runs runs from theta0 (opt.steps and opt.from
// unused), with standard errors: the mean path of a function of the iterate (e.g. its projection on the manifold).
template <class S> struct LabelNoisePath {
  std::vector<Vec<S>> mean, se;
  long runs = 0;
};
template <class S>
LabelNoisePath<S> label_noise_path(const Model<S>& m, const LabelNoise<S>& ln, const Vec<S>& theta0,
                                   const std::vector<long>& at, const LabelNoiseMcOptions& opt,
                                   const std::function<Vec<S>(const Vec<S>&)>& map);

}  // namespace irverify
