#include "solvers/ln/label_noise_lanes.hpp"

#include "solvers/iterate/iterate.hpp"
#include "solvers/sgd/compile_tape.hpp"
#include "solvers/simd/views.hpp"
#include "theory/models/diag_net.hpp"
#include "theory/models/least_squares.hpp"
#include "theory/models/tape_model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace irverify {

namespace {
// run_arm's updates: two lanes as one SSE2 register (elementwise IEEE operations: lane l computes what run l's scalar
// code would), lanes h and h + 1 read and written in place (may_alias, 8-byte aligned).
typedef double V __attribute__((vector_size(16)));
typedef double Vu __attribute__((vector_size(16), aligned(8), may_alias));
constexpr int kV = 2;
}  // namespace
#define IRVERIFY_LANES(a) (*reinterpret_cast<Vu*>((a).data() + h))

namespace {
std::shared_ptr<const ExampleTape<double>> label_noise_tape(const Model<double>& m) {
  const auto* t = dynamic_cast<const TapeModel<double>*>(&m);
  return t ? t->label_noise_tape() : nullptr;
}
}  // namespace

double LabelNoiseLanes::bytes(const Model<double>& m, const LabelNoise<double>& ln) {
  const auto* dn = dynamic_cast<const DiagNet<double>*>(&m);
  const auto* ls = dynamic_cast<const LeastSquares<double>*>(&m);
  // Per example of a batch, eight lanes of doubles: the sign and the index (tape), or the sign, label, row (p) and
  // the gradient pass's c_j, y_j and row (p + 2); and eight samplers' indices.
  const double p = dn ? dn->features() : ls ? ls->dim() : -1;
  return (8.0 * 8 * (p < 0 ? 2 : 2 * p + 4) + 8.0 * 8) * ln.batch;
}

bool LabelNoiseLanes::supports(const Model<double>& m, const LabelNoise<double>& ln, double recorded_draws) {
  const bool kind = dynamic_cast<const DiagNet<double>*>(&m) || dynamic_cast<const LeastSquares<double>*>(&m) || label_noise_tape(m);
  return kind && bytes(m, ln) * (1 + recorded_draws) <= kMaxBytes;
}

bool LabelNoiseLanes::steps_faster(const Model<double>& m, const LabelNoise<double>& ln) {
  return supports(m, ln) && !dynamic_cast<const LeastSquares<double>*>(&m);
}

LabelNoiseLanes::LabelNoiseLanes(const Model<double>& m, const LabelNoise<double>& ln, std::uint64_t seed, Isa isa)
    : m_(m), ln_(ln), seed_(seed), kernels_(kernel_table(isa, "LabelNoiseLanes")), N_(m.num_examples()),
      noise_{ln.sigma, -ln.sigma} {
  const auto* dn = dynamic_cast<const DiagNet<double>*>(&m);
  const auto* ls = dynamic_cast<const LeastSquares<double>*>(&m);
  const auto tape = dn || ls ? nullptr : label_noise_tape(m);
  if (!dn && !ls && !tape)
    throw std::invalid_argument("LabelNoiseLanes: a diagonal net, least squares or a regression model with a label-noise tape only");
  if (bytes(m, ln) > kMaxBytes) throw std::invalid_argument("LabelNoiseLanes: the batch's buffers would exceed kMaxBytes");
  for (int l = 0; l < kLanes; ++l) lanes_.push_back({StreamWords(isa), BatchSampler(N_, ln.batch, ln.sampling), {}});
  if (tape) {
    tape_ = std::make_unique<CompiledTape>(compile_tape(*tape));
    tape_view_ = tape_view(*tape_);
    tape_scratch_.resize(static_cast<std::size_t>(tape_->slots + tape_->dim) * kLanes);
    p_ = dim_ = tape_->dim;
  } else {
    p_ = dn ? dn->features() : ls->dim();
    dim_ = dn ? 2 * p_ : p_;
    gradient_ = dn ? kernels_.diag_noise : kernels_.ls_noise;
  }
  th_.resize(dim_);
  g_.resize(dim_);
  d_.resize(dim_);
  nu_.resize(dim_);
  if (tape) return;
  if (dn) {
    const bool uuvv = dn->diag_kind() == DiagKind::UUVV;  // DiagNet's M
    m00_ = uuvv ? 2.0 : 0.0;
    m01_ = uuvv ? 0.0 : 1.0;
    m11_ = uuvv ? -2.0 : 0.0;
  }
  rows_.resize(static_cast<std::size_t>(N_) * p_);
  y_.resize(N_);
  for (int i = 0; i < N_; ++i) {
    for (int k = 0; k < p_; ++k) rows_[static_cast<std::size_t>(i) * p_ + k] = dn ? dn->X()(i, k) : ls->rows()(i, k);
    y_[i] = dn ? dn->y()(i) : ls->y()(i);
  }
  beta_.resize(p_);
  c_.resize(ln.batch);
  ys_.resize(ln.batch);
  xs_.resize(static_cast<std::size_t>(ln.batch) * p_);
  for (int j = 0; j < ln.batch && full_batch(); ++j) {  // label-noise GD: example j in every lane, every step
    for (int k = 0; k < p_; ++k) xs_[static_cast<std::size_t>(j) * p_ + k].fill(rows_[static_cast<std::size_t>(j) * p_ + k]);
    ys_[j].fill(y_[j]);
  }
}

void LabelNoiseLanes::start(long first, int count, const Vec<double>& theta0, bool keep) {
  if (count < 1 || count > kLanes || theta0.size() != dim_) throw std::invalid_argument("LabelNoiseLanes: bad start");
  count_ = count;
  keep_ = keep;
  replay_ = false;
  rec_.clear();
  if (!keep) rec_.resize(draw_doubles());
  for (int l = 0; l < count; ++l) {  // LabelNoiseStep::restart(first + l)
    lanes_[l].words.reset(seed_, run_stream(static_cast<std::uint64_t>(first + l), "label noise"), kLabelNoiseDomain);
    lanes_[l].signs = {};
  }
  set_theta(theta0);
}

void LabelNoiseLanes::rewind(const Vec<double>& theta0) {
  if (!keep_) throw std::logic_error("LabelNoiseLanes: rewind without a record (start with keep)");
  if (theta0.size() != dim_) throw std::invalid_argument("LabelNoiseLanes: bad rewind");
  replay_ = true;
  at_ = 0;
  set_theta(theta0);
}

void LabelNoiseLanes::set_theta(const Vec<double>& theta0) {
  for (int q = 0; q < dim_; ++q) th_[q].fill(theta0(q));
}

void LabelNoiseLanes::advance(long n, const Deadline& deadline) {
  const DeadlineCheck check = DeadlineCheck::per_batch(&deadline, ln_.batch);
  for (long s = 0; s < n; ++s) {
    check(s);
    add_gradient(-ln_.eta, th_);  // LabelNoiseStep's step: add_gradient(theta, -eta, theta)
  }
  for (int l = 0; l < count_; ++l)
    for (const auto& t : th_)
      if (!std::isfinite(t[l])) throw NumericalFault(fmt::format("label noise: the iterate is not finite after {} steps", n));
}

const double* LabelNoiseLanes::next_draw() {
  const std::size_t n = draw_doubles();
  if (count_ == 0) throw std::logic_error("LabelNoiseLanes: steps before start");
  if (replay_) {
    if (at_ + n > rec_.size()) throw std::logic_error("LabelNoiseLanes: a replay past the recorded draws");
    at_ += n;
    return &rec_[at_ - n];
  }
  if (keep_) {
    if (static_cast<double>(rec_.size() + n) * sizeof(double) > kMaxBytes)
      throw std::length_error("LabelNoiseLanes: the record of draws would pass kMaxBytes (LabelNoiseLanes::supports)");
    rec_.resize(rec_.size() + n);
  }
  double* const d = &rec_[rec_.size() - n];
  const int p = p_, B = ln_.batch;
  const bool full = full_batch();
  const auto entry = [d](long e, int l) -> double& { return d[8 * e + l]; };  // noise j: e = j; y_j: B + j; x_jk: 2B + j p + k
  for (int l = 0; l < count_; ++l) {  // run l's draws into lane l: LabelNoiseStep::draw
    Lane& lane = lanes_[l];
    const std::vector<std::uint32_t>& batch = lane.sampler.draw(lane.words);
    for (int j = 0; j < B; ++j) entry(j, l) = noise_[lane.signs.next(lane.words)];
    if (tape_)
      for (int j = 0; j < B; ++j) entry(B + j, l) = batch[j];
    for (int j = 0; j < B && !full && !tape_; ++j) {  // full batch: the rows and labels are the same at every step
      entry(B + j, l) = y_[batch[j]];
      const double* row = &rows_[static_cast<std::size_t>(batch[j]) * p];
      for (int k = 0; k < p; ++k) entry(2L * B + static_cast<long>(j) * p + k, l) = row[k];
    }
  }
  const long entries = static_cast<long>(n / kLanes);
  for (long e = 0; e < entries; ++e)  // idle lanes repeat lane 0 (computed, never read back)
    for (int l = count_; l < kLanes; ++l) entry(e, l) = entry(e, 0);
  return d;
}

void LabelNoiseLanes::add_gradient(double w, Block& out) {
  const int B = ln_.batch;
  const double* d = next_draw();
  if (tape_) {
    kernels_.tape_noise(simd::TapeNoiseView{tape_view_, w / B, B, th_[0].data(), d, out[0].data(), tape_scratch_.data()});
    return;
  }
  const bool full = full_batch();
  const simd::LabelNoiseView view{m00_, m01_, m11_, w / B,  // LabelNoiseStep's c = w / B
                                  p_, B, th_[0].data(), full ? xs_[0].data() : d + 16L * B,
                                  full ? ys_[0].data() : d + 8L * B, d, c_[0].data(), beta_[0].data(), out[0].data()};
  gradient_(view);
}

void LabelNoiseLanes::run_arm(const NoisyArm<double>& arm, const Deadline& deadline) {
  const DeadlineCheck check = DeadlineCheck::per_batch(&deadline, arm.draws * ln_.batch);
  const double w = 1.0 / arm.draws, beta = arm.a.beta, rho = arm.a.rho, eps = arm.a.eps;
  const double one_beta = 1 - beta, one_rho = 1 - rho;
  const bool adam = arm.kind == NoisyOptimizer::Adam, inside = arm.a.eps_inside;
  for (auto* b : {&d_, &nu_})
    for (auto& e : *b) e.fill(0.0);
  double beta_power = 1, rho_power = 1;
  const auto sqrt2 = [](V v) { return __builtin_ia32_sqrtpd(v); };  // both lanes' IEEE square roots, as std::sqrt
  for (long s = 0; s < arm.steps; ++s) {
    check(s);
    for (auto& e : g_) e.fill(0.0);
    for (int q = 0; q < arm.draws; ++q) add_gradient(w, g_);
    if (!adam) {  // heavy_ball_update: d = beta d - h g, theta += d
      for (std::size_t i = 0; i < th_.size(); ++i)
        for (int h = 0; h < count_; h += kV) {  // lanes h, h + 1 (IRVERIFY_LANES)
          const V d = beta * IRVERIFY_LANES(d_[i]) - arm.h * IRVERIFY_LANES(g_[i]);
          IRVERIFY_LANES(d_[i]) = d;
          IRVERIFY_LANES(th_[i]) = IRVERIFY_LANES(th_[i]) + d;
        }
      continue;
    }
    // AdamUpdate: m = beta m + (1 - beta) g, nu = rho nu + (1 - rho) g^2, theta -= h cm m / (sqrt(cv nu) + eps)
    beta_power *= beta;
    rho_power *= rho;
    const double cm = arm.bias_correction ? 1 / (1 - beta_power) : 1.0, cv = arm.bias_correction ? 1 / (1 - rho_power) : 1.0;
    const double hcm = arm.h * cm;  // AdamUpdate's h * cm * m(j) is (h cm) m(j)
    for (std::size_t i = 0; i < th_.size(); ++i)
      for (int h = 0; h < count_; h += kV) {
        const V g = IRVERIFY_LANES(g_[i]);
        const V m = beta * IRVERIFY_LANES(d_[i]) + one_beta * g;
        const V nu = rho * IRVERIFY_LANES(nu_[i]) + one_rho * (g * g);
        IRVERIFY_LANES(d_[i]) = m;
        IRVERIFY_LANES(nu_[i]) = nu;
        const V v = cv * nu;
        IRVERIFY_LANES(th_[i]) = IRVERIFY_LANES(th_[i]) - hcm * m / (inside ? sqrt2(v + eps) : sqrt2(v) + eps);
      }
  }
  for (int l = 0; l < count_; ++l)
    for (const Block* b : {&th_, &d_, &nu_})
      for (const auto& e : *b)
        if (!std::isfinite(e[l]))
          throw NumericalFault(fmt::format("noisy optimizer: the iterate is not finite after {} steps", arm.steps));
}

void LabelNoiseLanes::get(int lane, Vec<double>& theta) const {
  theta.resize(dim_);
  for (int q = 0; q < dim_; ++q) theta(q) = th_[q][lane];
}

#undef IRVERIFY_LANES

}  // namespace irverify
