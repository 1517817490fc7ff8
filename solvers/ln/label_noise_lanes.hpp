// Label-noise SGD (solvers/ln/label_noise.hpp) in double, eight runs side by side: each run draws from its own stream
// exactly as LabelNoiseStep<double> does (the batch, then one label sign per drawn example; the stream's words eight
// Philox blocks at a time, solvers/sgd/stream_words.hpp), and a SIMD kernel (solvers/simd/views.hpp; every ISA the
// same bits) takes the step's gradient with the runs in vector lanes:
// - DiagNet<double> and LeastSquares<double>: diag_noise and ls_noise (LabelNoiseView), LabelNoiseStep<double>'s IEEE
//   operations in its order, bit-identical to the generic path;
// - a regression TapeModel<double> with a label-noise tape (formula models, theory/models/formula_model.hpp): the tape
//   compiled once (solvers/sgd/compile_tape.hpp) and replayed by tape_noise (TapeNoiseView), sum_j (r_j - s_j sigma)
//   grad r_j as the gradient of (r_j + z_j)^2 / 2: the generic path's values up to rounding (the order of the sums and
//   of the residual's terms), with no tape recorded or allocation per step.
// The Monte Carlo of label_noise_moments and label_noise_path takes it where steps_faster (diagonal nets and tape
// models); run_arm drives heavy ball or Adam by these gradients as noisy_optimizer_paired's generic arm does (the same
// bits on the built-in models), which its Monte Carlo takes for every model supported (ADAM-2).
#pragma once

#include "solvers/control/deadline.hpp"
#include "solvers/ln/label_noise.hpp"
#include "solvers/ln/noisy_optimizer.hpp"
#include "solvers/sgd/stream_words.hpp"
#include "solvers/simd/aligned.hpp"
#include "solvers/simd/tape_kernel.hpp"
#include "solvers/simd/isa.hpp"

#include <array>
#include <memory>
#include <vector>

namespace irverify {

namespace simd {
struct KernelTable;
struct LabelNoiseView;
}  // namespace simd

class LabelNoiseLanes {
 public:
  static constexpr int kLanes = 8;
  // The bytes of the buffers for ln: eight runs' draw of one batch (signs, and rows and labels or indices), about
  // 64 (2p + 5) an example, at least one draw's record; at most kMaxBytes here, and so is a record of draws (start
  // with keep: the paired arms of solvers/ln/noisy_optimizer.hpp), which grows by one draw a step.
  static double bytes(const Model<double>& m, const LabelNoise<double>& ln);
  static constexpr double kMaxBytes = 256.0 * (1 << 20);
  // A DiagNet<double>, a LeastSquares<double>, or a TapeModel<double> with a label-noise tape, with
  // bytes(m, ln) (1 + recorded_draws) <= kMaxBytes for runs that keep a record of recorded_draws draws: a larger batch
  // or record takes the generic path, which holds one run's batch and sums it in chunks and records nothing (a batch
  // of 2^24 on diag-uv in 8 features would hold 21 GB here).
  static bool supports(const Model<double>& m, const LabelNoise<double>& ln, double recorded_draws = 0);
  // Whether plain label-noise steps (advance) are faster here than on the generic path: diagonal nets and tape models
  // (that supports). Least squares' generic path (fused passes, no placing of rows in lanes) is faster for them,
  // 0.53-0.88x here at d = 2..256 (solvers/bench/sgd_bench BM_LabelNoiseMean); run_arm pays for least squares too
  // (ADAM-2's small least squares 36 s -> 12 s: the arms share one record of draws and the lanes hide Adam's latency).
  static bool steps_faster(const Model<double>& m, const LabelNoise<double>& ln);
  // isa: the SIMD kernels that compute the gradients (every ISA gives the same bits); std::invalid_argument unless
  // supports(m, ln).
  LabelNoiseLanes(const Model<double>& m, const LabelNoise<double>& ln, std::uint64_t seed, Isa isa = best_isa());
  // Runs first .. first + count - 1 (1 <= count <= kLanes) from theta0; with keep, the draws taken from now on are
  // recorded for rewind (std::length_error from the step whose draw would take the record past kMaxBytes).
  void start(long first, int count, const Vec<double>& theta0, bool keep = false);
  // The same runs from theta0 again on the recorded draws (the runs' common random numbers, not drawn twice):
  // std::logic_error without keep, or when a step needs a draw beyond the record.
  void rewind(const Vec<double>& theta0);
  // n steps of every run (the deadline as LabelNoiseStep's Monte Carlo looks at it; NumericalFault if a run is not
  // finite after them).
  void advance(long n, const Deadline& deadline);
  // Arm `arm` of noisy_optimizer_paired from the started theta, from rest (d = 0, or m = nu = 0): each step g = 0 +
  // the gradients of arm.draws draws with weight 1/draws, then the heavy-ball or Adam update (solvers/iterate/adam.hpp)
  // lane by lane in AdamUpdate's operation order; theta is then the arm's end point (NumericalFault if a run's state
  // is not finite after arm.steps steps).
  void run_arm(const NoisyArm<double>& arm, const Deadline& deadline);
  void get(int lane, Vec<double>& theta) const;  // lane < count

 private:
  using Block = std::vector<std::array<double, kLanes>>;  // entries, a value per lane
  // B = N without replacement: every step takes examples 0..N-1 in order (BatchSampler draws nothing).
  bool full_batch() const { return ln_.sampling == BatchSampling::WithoutReplacement && ln_.batch == N_; }
  // A draw's entries: the noise -s sigma (B), then on a tape the examples' indices (B), else unless full_batch() the
  // labels (B) and rows (B p).
  std::size_t draw_doubles() const {
    return static_cast<std::size_t>(kLanes) * ln_.batch * (tape_ ? 2 : full_batch() ? 1 : 2 + p_);
  }
  const double* next_draw();  // every lane's draw (drawn, or read back from the record); idle lanes copy lane 0
  // Every run's next draws, then out += w times their label-noise gradient at theta entry by entry:
  // LabelNoiseStep::add_gradient(theta, w, out) in every lane (the same bits, a tape's up to rounding); out may be th_.
  void add_gradient(double w, Block& out);
  void set_theta(const Vec<double>& theta0);

  const Model<double>& m_;
  LabelNoise<double> ln_;
  std::uint64_t seed_;
  const simd::KernelTable& kernels_;
  void (*gradient_)(const simd::LabelNoiseView&);  // diag_noise or ls_noise (none on a tape)
  int N_, p_, dim_;                                 // examples, features, theta's entries (2p, p, or the tape's dim)
  std::unique_ptr<CompiledTape> tape_;              // a tape model's label-noise tape
  simd::TapeView tape_view_{};                      // of *tape_
  AlignedVector<double> tape_scratch_;              // tape_noise's
  double m00_ = 0, m01_ = 0, m11_ = 0;              // DiagNet's M
  int count_ = 0;
  struct Lane {  // a run's draws, as LabelNoiseStep::draw takes them
    StreamWords words;
    BatchSampler sampler;
    LabelSigns signs;
  };
  std::vector<Lane> lanes_;
  double noise_[2];                            // -s sigma for the sign's bit 0, 1 (LabelNoiseStep's)
  std::vector<double> rows_, y_;               // X row-major, y
  std::vector<double> rec_;                    // the draws since start (keep), else the last one (draw_doubles each)
  bool keep_ = false, replay_ = false;
  std::size_t at_ = 0;                         // replay: the next draw's offset in rec_
  Block th_, beta_, c_, ys_, xs_;              // theta; beta (p); c_j (B); full batch: y_j (B), rows (B p)
  Block g_, d_, nu_;                           // run_arm: the gradient; heavy ball's d or Adam's m; Adam's nu
};

}  // namespace irverify
