// A model written once as one function of the parameters and an example (issue 17; checks/examples/ shows one): the
// suite records it on the tape (theory/ad) and derives the rest, in every precision S:
//   Loss:      l_i(theta) = example(theta, i);
//   Residual:  r_i(theta) = example(theta, i) = f(x_i) - y_i,  l_i = r_i^2 / 2 (a regression model: residual and
//              output gradient too, for the STAB and LN claims).
//   gradient   reverse mode on the recorded batch loss (gradient_program_of), cached per batch;
//   Hessian    its Jacobian (forward mode, column by column);
//   T[u, v]    (T[u+v, u+v] - T[u-v, u-v]) / 4 with T[w, w] the second directional derivative of the gradient tape
//              along w (jvp2).
// example() sees the parameters as Vars and must use the tape's operations (+ - * /, tanh, exp, log, relu): data enter
// as constants of S.
#pragma once

#include "theory/ad/reverse.hpp"
#include "theory/models/model.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace irverify {

template <class S> class TapeModel : public Model<S> {
 public:
  enum class Kind { Loss, Residual };
  using Example = std::function<Var<S>(const std::vector<Var<S>>& theta, int i)>;
  using Recorder = std::function<std::shared_ptr<const ExampleTape<S>>()>;

  TapeModel(std::string name, Kind kind, int dim, int examples, Example example, bool smooth = true)
      : name_(std::move(name)), kind_(kind), dim_(dim), n_(examples), example_(std::move(example)), smooth_(smooth) {
    if (dim < 1 || examples < 1) throw std::invalid_argument(name_ + ": needs at least one parameter and one example");
  }
  std::string kind() const override { return name_; }
  int dim() const override { return dim_; }
  int num_examples() const override { return n_; }
  bool smooth() const override { return smooth_; }

  S loss(const Vec<S>& theta, const Batch& b) const override {
    S acc(0);
    for (int i : b) acc += example_loss(constants(theta), i).value;
    return acc / S(static_cast<int>(b.size()));
  }
  Vec<S> gradient(const Vec<S>& theta, const Batch& b) const override { return evaluate(*program(b), theta); }
  Program<S> gradient_program(const Batch& b) const override {
    return gradient_program_of<S>(dim_, [&](const std::vector<Var<S>>& x) { return batch_loss(x, b); });
  }
  Mat<S> hessian(const Vec<S>& theta, const Batch& b) const override { return jacobian(*program(b), theta); }
  Vec<S> third(const Vec<S>& theta, const Vec<S>& u, const Vec<S>& v, const Batch& b) const override {
    const auto g = program(b);
    return Vec<S>((second(*g, theta, Vec<S>(u + v)) - second(*g, theta, Vec<S>(u - v))) / 4);
  }

  // The per-example tape, recorded on first use by the recorder set (none: nullptr).
  std::shared_ptr<const ExampleTape<S>> example_tape() const override { return recorded(example_tape_); }
  void set_example_tape(Recorder recorder) { example_tape_.record = std::move(recorder); }
  // Label-noise SGD's per-example tape (solvers/ln/label_noise_lanes.hpp), a regression model's: the loss
  // (r_i + z)^2 / 2 with z the row's last column, after the example's own (the label noise -s sigma, so the gradient
  // is (r_i - s sigma) grad r_i); recorded on first use by the recorder set (none: nullptr).
  std::shared_ptr<const ExampleTape<S>> label_noise_tape() const { return recorded(label_noise_tape_); }
  void set_label_noise_tape(Recorder recorder) { label_noise_tape_.record = std::move(recorder); }

  S residual(const Vec<S>& theta, int i) const override {
    require_regression();
    return example_(constants(theta), i).value;
  }
  Vec<S> output_gradient(const Vec<S>& theta, int i) const override {
    require_regression();
    return evaluate(*program(Batch{i}, true), theta);
  }

 private:
  Var<S> example_loss(const std::vector<Var<S>>& x, int i) const {
    const Var<S> e = example_(x, i);
    return kind_ == Kind::Loss ? e : Var<S>(e * e * (S(1) / 2));
  }
  Var<S> batch_loss(const std::vector<Var<S>>& x, const Batch& b) const {
    if (b.empty()) throw std::invalid_argument(name_ + ": empty batch");
    Var<S> acc(S(0));
    for (int i : b) acc += example_loss(x, i);
    return acc * (S(1) / S(static_cast<int>(b.size())));
  }
  static std::vector<Var<S>> constants(const Vec<S>& theta) {
    std::vector<Var<S>> x;
    for (int i = 0; i < theta.size(); ++i) x.emplace_back(theta(i));
    return x;
  }
  // The gradient tape of batch b (of r_i itself for the output gradient), recorded once; at most kMaxCached tapes are
  // kept (batches drawn at random are many), the callers holding theirs while they use it.
  static constexpr std::size_t kMaxCached = 4096;
  std::shared_ptr<const Program<S>> program(const Batch& b, bool output = false) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (cache_.size() >= kMaxCached) cache_.clear();
    auto& slot = cache_[{output, b}];
    if (!slot)
      slot = std::make_shared<const Program<S>>(
          output ? gradient_program_of<S>(dim_, [&](const std::vector<Var<S>>& x) { return example_(x, b.front()); })
                 : gradient_program(b));
    return slot;
  }
  // The second directional derivative of the gradient along w at theta: T[w, w].
  static Vec<S> second(const Program<S>& g, const Vec<S>& theta, const Vec<S>& w) {
    std::vector<Var<S>> in, dw;
    for (int i = 0; i < theta.size(); ++i) in.emplace_back(theta(i)), dw.emplace_back(w(i));
    const std::vector<Var<S>> v = replay(*g.tape, in), d = jvp(*g.tape, v, dw), d2 = jvp2(*g.tape, v, d);
    Vec<S> t(g.num_outputs());
    for (int i = 0; i < g.num_outputs(); ++i) t(i) = map_output_derivative(g.outputs[i], d2).value;
    return t;
  }
  void require_regression() const {
    if (kind_ != Kind::Residual) throw std::logic_error(name_ + ": not a regression model (defined by its loss)");
  }

  std::string name_;
  Kind kind_;
  int dim_, n_;
  Example example_;
  bool smooth_;
  struct LazyTape {
    Recorder record;
    mutable std::shared_ptr<const ExampleTape<S>> tape;
  };
  std::shared_ptr<const ExampleTape<S>> recorded(const LazyTape& t) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!t.tape && t.record) t.tape = t.record();
    return t.tape;
  }
  LazyTape example_tape_, label_noise_tape_;
  mutable std::mutex mutex_;
  mutable std::map<std::pair<bool, Batch>, std::shared_ptr<const Program<S>>> cache_;
};

}  // namespace irverify
