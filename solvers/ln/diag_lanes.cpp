#include "solvers/ln/diag_lanes.hpp"

#include "solvers/iterate/iterate.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace irverify {

namespace {
// Two lanes as one SSE2 register (elementwise IEEE operations: lane l computes what run l's scalar code would), lanes
// h and h + 1 read and written in place (may_alias, 8-byte aligned); wider GCC vectors spill on the baseline ISA.
typedef double V __attribute__((vector_size(16)));
typedef double Vu __attribute__((vector_size(16), aligned(8), may_alias));
constexpr int kV = 2;
}  // namespace
#define IRVERIFY_LANES(a) (*reinterpret_cast<Vu*>((a).data() + h))

DiagLabelNoiseLanes::DiagLabelNoiseLanes(const DiagNet<double>& m, const LabelNoise<double>& ln, std::uint64_t seed)
    : m_(m), ln_(ln), seed_(seed), p_(m.features()) {
  const bool uuvv = m.diag_kind() == DiagKind::UUVV;  // DiagNet's M
  m00_ = uuvv ? 2.0 : 0.0;
  m01_ = uuvv ? 0.0 : 1.0;
  m11_ = uuvv ? -2.0 : 0.0;
  const int N = m.num_examples();
  rows_.resize(static_cast<std::size_t>(N) * p_);
  for (int i = 0; i < N; ++i)
    for (int k = 0; k < p_; ++k) rows_[static_cast<std::size_t>(i) * p_ + k] = m.X()(i, k);
  th_.resize(2 * static_cast<std::size_t>(p_));
  c_.resize(ln.batch);
  y_.resize(ln.batch);
  xs_.resize(static_cast<std::size_t>(ln.batch) * p_);
}

void DiagLabelNoiseLanes::start(long first, int count, const Vec<double>& theta0) {
  if (count < 1 || count > kLanes || theta0.size() != 2 * p_) throw std::invalid_argument("DiagLabelNoiseLanes: bad start");
  while (static_cast<int>(draws_.size()) < count) draws_.emplace_back(m_, ln_, seed_, 0);
  count_ = count;
  for (int l = 0; l < kLanes; ++l) {
    if (l < count) draws_[l].restart(static_cast<std::uint64_t>(first + l));
    for (int q = 0; q < 2 * p_; ++q) th_[q][l] = theta0(q);
    for (int j = 0; j < ln_.batch && full_batch(); ++j) {  // label-noise GD: example j in every lane, every step
      for (int k = 0; k < p_; ++k) xs_[static_cast<std::size_t>(j) * p_ + k][l] = rows_[static_cast<std::size_t>(j) * p_ + k];
      y_[j][l] = m_.y()(j);
    }
  }
}

void DiagLabelNoiseLanes::advance(long n, const Deadline& deadline) {
  constexpr int L = kLanes;
  const int p = p_, B = ln_.batch;
  const DeadlineCheck check = DeadlineCheck::per_batch(&deadline, B);
  const double cb = -ln_.eta / B;  // LabelNoiseStep's c = w / B, w = -eta
  const Vec<double>& y = m_.y();
  const bool full = full_batch();
  std::vector<double> noise(static_cast<std::size_t>(B));
  for (long s = 0; s < n; ++s) {
    check(s);
    for (int l = 0; l < count_; ++l) {  // run l's draws; its rows, labels and noise into lane l
      const std::vector<std::uint32_t>& batch = draws_[l].draw(noise.data());
      for (int j = 0; j < B; ++j) {
        c_[j][l] = noise[j];
        if (full) continue;  // the rows and labels are the same at every step
        const double* row = &rows_[static_cast<std::size_t>(batch[j]) * p];
        for (int k = 0; k < p; ++k) xs_[static_cast<std::size_t>(j) * p + k][l] = row[k];
        y_[j][l] = y(batch[j]);
      }
    }
    for (int l = count_; l < L; ++l)  // idle lanes repeat lane 0 (never read back)
      for (int j = 0; j < B; ++j) {
        for (int k = 0; k < p && !full; ++k) {
          auto& x = xs_[static_cast<std::size_t>(j) * p + k];
          x[l] = x[0];
        }
        y_[j][l] = y_[j][0];
        c_[j][l] = c_[j][0];
      }
    for (int h = 0; h < count_; h += kV) {  // lanes h, h + 1 (idle lanes past count_ skipped in pairs)
      // r_j = x_j0 beta_0 + ... + x_j,p-1 beta_p-1 - y_j, then c_j = c (r_j + noise_j) (DiagNet::residuals, add_gradient)
      for (int j = 0; j < B; ++j) {
        V f = {};
        for (int k = 0; k < p; ++k) {
          const V u = IRVERIFY_LANES(th_[k]), v = IRVERIFY_LANES(th_[k + p]);
          const V x = IRVERIFY_LANES(xs_[static_cast<std::size_t>(j) * p + k]);
          const V beta = (m00_ * u * u + m01_ * (u * v + v * u) + m11_ * v * v) / 2;
          f = k == 0 ? x * beta : f + x * beta;
        }
        IRVERIFY_LANES(c_[j]) = cb * ((f - IRVERIFY_LANES(y_[j])) + IRVERIFY_LANES(c_[j]));
      }
      // w_k = 0 + c_0 x_0k + ..., step = 0 + w_k (M z_k), theta += step (DiagNet::add_output_gradients, add_gradient)
      for (int k = 0; k < p; ++k) {
        const V u = IRVERIFY_LANES(th_[k]), v = IRVERIFY_LANES(th_[k + p]);
        V w = {};
        for (int j = 0; j < B; ++j) w += IRVERIFY_LANES(c_[j]) * IRVERIFY_LANES(xs_[static_cast<std::size_t>(j) * p + k]);
        IRVERIFY_LANES(th_[k]) = u + (0.0 + w * (m00_ * u + m01_ * v));
        IRVERIFY_LANES(th_[k + p]) = v + (0.0 + w * (m01_ * u + m11_ * v));
      }
    }
  }
  for (int l = 0; l < count_; ++l)
    for (int q = 0; q < 2 * p; ++q)
      if (!std::isfinite(th_[q][l])) throw NumericalFault(fmt::format("label noise: the iterate is not finite after {} steps", n));
}

void DiagLabelNoiseLanes::get(int lane, Vec<double>& theta) const {
  theta.resize(2 * p_);
  for (int q = 0; q < 2 * p_; ++q) theta(q) = th_[q][lane];
}

#undef IRVERIFY_LANES

}  // namespace irverify
