#include "solvers/rank/weight_decay_sgd.hpp"

#include "solvers/iterate/iterate.hpp"
#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace irverify {

namespace {
template <class S> S checked_decay(const WeightDecay<S>& wd) {
  if (!(wd.mu > 0) || !(wd.lambda >= 0)) throw std::invalid_argument("SGD with weight decay: need mu > 0 and lambda >= 0");
  const S d = S(1) - S(2) * wd.mu * wd.lambda;
  if (!(d > 0)) throw std::invalid_argument("SGD with weight decay: need 2 mu lambda < 1 (the decay factor 1 - 2 mu lambda > 0)");
  return d;
}
}  // namespace

template <class S>
WeightDecayStep<S>::WeightDecayStep(const Model<S>& m, const WeightDecay<S>& wd, std::uint64_t seed, std::uint64_t run)
    : m_(m), wd_(wd), decay_(checked_decay(wd)), rng_(seed, run_stream(run, "SGD with weight decay"), kWeightDecayDomain),
      sampler_(m.num_examples(), wd.batch, wd.sampling), batch_(wd.batch), g_(m.dim()) {}

template <class S> void WeightDecayStep<S>::operator()(Vec<S>& theta) {
  const auto& b = sampler_.draw(rng_);
  for (std::size_t j = 0; j < b.size(); ++j) batch_[j] = static_cast<int>(b[j]);
  constexpr std::size_t kChunk = DeadlineCheck::kExamples;
  if (batch_.size() <= kChunk) {
    g_ = m_.gradient(theta, batch_);
  } else {  // the mean over the batch as the size-weighted mean of its chunks' means (with or without a deadline)
    g_.setZero();
    for (std::size_t a = 0; a < batch_.size(); a += kChunk) {
      if (deadline_) deadline_->check();
      chunk_.assign(batch_.begin() + static_cast<std::ptrdiff_t>(a), batch_.begin() + static_cast<std::ptrdiff_t>(std::min(a + kChunk, batch_.size())));
      g_ += S(static_cast<long>(chunk_.size())) * m_.gradient(theta, chunk_);
    }
    g_ /= S(static_cast<long>(batch_.size()));
  }
  theta = decay_ * theta - wd_.mu * g_;
}

template <class S>
Vec<S> weight_decay_run(const Model<S>& m, const WeightDecay<S>& wd, const Vec<S>& theta0, long steps, std::uint64_t seed,
                        std::uint64_t run, const Deadline& deadline) {
  WeightDecayStep<S> step(m, wd, seed, run);
  step.watch(&deadline);
  Vec<S> x = theta0;
  iterate_checked_at_end(step, x, steps, DeadlineCheck::per_batch(&deadline, wd.batch), "SGD with weight decay");
  return x;
}

#define IRVERIFY_INST(S)             \
  template class WeightDecayStep<S>; \
  template Vec<S> weight_decay_run<S>(const Model<S>&, const WeightDecay<S>&, const Vec<S>&, long, std::uint64_t, \
                                      std::uint64_t, const Deadline&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
