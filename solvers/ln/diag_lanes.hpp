// Label-noise SGD (solvers/ln/label_noise.hpp) on a diagonal net in double, eight runs side by side: each run draws
// from its own stream exactly as LabelNoiseStep<double> does (the batch, then one label sign per drawn example) and
// takes the same IEEE operations in the same order as LabelNoiseStep<double> on DiagNet<double> (residuals r_j = sum_k
// x_jk beta_k - y_j with beta_k = ((m00 u) u + m01 (u v + v u) + (m11 v) v) / 2, c (r_j + noise), w_k = sum_j c_j x_jk
// from 0, step = 0 + w (M z_k), theta + step), with the runs in vector lanes (two to an SSE2 register): bit-identical
// to the generic path, which the Monte Carlo of label_noise_moments and label_noise_path take for diagonal nets.
#pragma once

#include "solvers/control/deadline.hpp"
#include "solvers/ln/label_noise.hpp"
#include "theory/models/diag_net.hpp"

#include <array>
#include <vector>

namespace irverify {

class DiagLabelNoiseLanes {
 public:
  static constexpr int kLanes = 8;
  DiagLabelNoiseLanes(const DiagNet<double>& m, const LabelNoise<double>& ln, std::uint64_t seed);
  // Runs first .. first + count - 1 (1 <= count <= kLanes) from theta0.
  void start(long first, int count, const Vec<double>& theta0);
  // n steps of every run (the deadline as LabelNoiseStep's Monte Carlo looks at it; NumericalFault if a run is not
  // finite after them).
  void advance(long n, const Deadline& deadline);
  void get(int lane, Vec<double>& theta) const;  // lane < count

 private:
  // B = N without replacement: every step takes examples 0..N-1 in order (BatchSampler draws nothing).
  bool full_batch() const { return ln_.sampling == BatchSampling::WithoutReplacement && ln_.batch == m_.num_examples(); }
  const DiagNet<double>& m_;
  LabelNoise<double> ln_;
  std::uint64_t seed_;
  int p_ = 0, count_ = 0;
  double m00_, m01_, m11_;
  std::vector<LabelNoiseStep<double>> draws_;  // the runs' draws (LabelNoiseStep::draw)
  std::vector<double> rows_;                   // X row-major
  std::vector<std::array<double, kLanes>> th_, c_, y_, xs_;  // theta (2p); c_j, y_j (B); the batch's rows (B p)
};

}  // namespace irverify
