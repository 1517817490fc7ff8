// Model interface: a per-example loss l_i(theta) with closed-form derivatives.
//
// Every quantity is the mean over a batch of example indices:
//   L_B(theta) = (1/|B|) sum_{i in B} l_i(theta), and likewise its gradient g,
//   Hessian H, and third-derivative contraction T[u, v]_k = sum_ij d^3 L / (dtheta_i dtheta_j dtheta_k) u_i v_j.
// The full loss L of CLAIMS.md is the batch of all examples; a minibatch loss
// L_k is the batch of partition block k.
// gradient_program() records the same gradient on a tape (theory/ad), for the
// Taylor-series flow solver.
#pragma once

#include "theory/ad/program.hpp"
#include "theory/ad/example_tape.hpp"
#include "theory/linalg/dense.hpp"

#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace irverify {

// A batch: example indices; a partition: the m minibatches of an epoch (CLAIMS.md SGD).
using Batch = std::vector<int>;
using Partition = std::vector<Batch>;

template <class S> class Model {
 public:
  virtual ~Model() = default;
  virtual std::string kind() const = 0;  // e.g. "diag-uv", as in problem files
  virtual int dim() const = 0;
  virtual int num_examples() const = 0;
  // False where a derivative used by a claim does not exist everywhere (ReLU).
  virtual bool smooth() const { return true; }

  virtual S loss(const Vec<S>& theta, const Batch& b) const = 0;
  virtual Vec<S> gradient(const Vec<S>& theta, const Batch& b) const = 0;
  virtual Mat<S> hessian(const Vec<S>& theta, const Batch& b) const = 0;
  virtual Vec<S> third(const Vec<S>& theta, const Vec<S>& u, const Vec<S>& v, const Batch& b) const = 0;
  // The gradient of L_B recorded on a fresh tape with dim() inputs.
  virtual Program<S> gradient_program(const Batch& b) const = 0;

  // Regression models (l_i = 1/2 r_i^2, r_i = f(x_i) - y_i) also give the residual r_i and the output gradient
  // v_i = grad_theta f(x_i); at an interpolating point H = (1/N) sum_i v_i v_i' (CLAIMS.md STAB).
  virtual S residual(const Vec<S>&, int) const { throw std::logic_error(kind() + ": not a regression model"); }
  virtual Vec<S> output_gradient(const Vec<S>&, int) const { throw std::logic_error(kind() + ": not a regression model"); }
  // The same over a drawn batch i_j = idx[j]: r(j) = r_{i_j}(theta) (r sized by the caller), and out += sum_j c(j)
  // v_{i_j}(theta). These defaults call the two above per example; a model overrides them to take a step of
  // label-noise SGD (solvers/ln/label_noise.hpp) without a per-example allocation.
  virtual void residuals(const Vec<S>& theta, const std::vector<std::uint32_t>& idx, Vec<S>& r) const {
    for (std::size_t j = 0; j < idx.size(); ++j) r(static_cast<Eigen::Index>(j)) = residual(theta, static_cast<int>(idx[j]));
  }
  virtual void add_output_gradients(const Vec<S>& theta, const std::vector<std::uint32_t>& idx, const Vec<S>& c,
                                    Vec<S>& out) const {
    for (std::size_t j = 0; j < idx.size(); ++j)
      out += c(static_cast<Eigen::Index>(j)) * output_gradient(theta, static_cast<int>(idx[j]));
  }

  // One example's gradient tape with the data as inputs (formula models, in double), or nullptr: what the tape
  // kernel replays (solvers/simd/tape_kernel.hpp).
  virtual std::shared_ptr<const ExampleTape<S>> example_tape() const { return nullptr; }

  Batch all_examples() const {
    Batch b(num_examples());
    std::iota(b.begin(), b.end(), 0);
    return b;
  }
};

// Implements both gradient entry points from one generic kernel
//   template <class T> void Derived::gradient_kernel(const T* theta, T* g, const Batch&) const.
template <class Derived, class S> class ModelBase : public Model<S> {
 public:
  Vec<S> gradient(const Vec<S>& theta, const Batch& b) const override {
    Vec<S> g(this->dim());
    self().template gradient_kernel<S>(theta.data(), g.data(), b);
    return g;
  }
  Program<S> gradient_program(const Batch& b) const override {
    Program<S> p;
    std::vector<Var<S>> x = p.make_inputs(this->dim());
    p.outputs.resize(this->dim());
    self().template gradient_kernel<Var<S>>(x.data(), p.outputs.data(), b);
    return p;
  }

 private:
  const Derived& self() const { return static_cast<const Derived&>(*this); }
};

}  // namespace irverify
