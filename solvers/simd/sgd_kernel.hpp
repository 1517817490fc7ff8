// Shuffled minibatch SGD in double through a SIMD kernel (solvers/simd/views.hpp): the common part of the least
// squares, diagonal-net and dense two-layer kernels. A kernel keeps the data in its own padded layout and runs
// theta <- theta - eps grad L_b(theta), L_b the mean of the batch's example losses, on a state vector: pack/unpack
// convert theta (the model's parameter order) to and from it. Reproducible arithmetic: each kernel documents its
// summation order, which is the same for every ISA (solvers/simd/isa.hpp) and never uses fused multiply-adds, so the
// iterates are the same bits on every x86-64 machine; they agree with the generic Model path up to the order of the
// floating-point sums (a test bounds the difference per model).
#pragma once

#include "solvers/simd/aligned.hpp"
#include "solvers/simd/isa.hpp"
#include "solvers/simd/views.hpp"

#include <vector>

namespace irverify {

class SgdKernel {
 public:
  virtual ~SgdKernel() = default;

  int dim() const { return dim_; }        // parameters of the model
  int stride() const { return stride_; }  // doubles per state (a multiple of 8)
  int batches() const { return m_; }
  int batch_size() const { return B_; }
  // Multiply-adds per per-example gradient and step, counted from the kernel's formulas (for the roofline).
  virtual double multiply_adds() const = 0;

  // state[0..stride) from theta[0..dim), padding 0 (an optimizer's state from rest: pack_update); and back.
  virtual void pack(const double* theta, double* state) const = 0;
  virtual void unpack(const double* state, double* theta) const = 0;

  // One epoch for each of `count` samples, interleaved so that independent samples fill the pipelines: sample s
  // runs from state[s stride .. (s + 1) stride) through the batches orders[s m + t], t = 0..m-1. isa must be
  // supported (isa_supported).
  void epochs(const int* orders, double* state, int count, Isa isa) const;

 protected:
  // batches: m >= 1 batches of equal size B >= 1, indices in 0..examples-1; eps > 0. what: the kernel's name.
  SgdKernel(const char* what, int dim, int stride, int examples, const std::vector<std::vector<int>>& batches, double eps);
  simd::Batches batch_view() const { return {index_.data(), m_, B_, c_}; }
  virtual int scratch_doubles() const = 0;
  virtual void run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const = 0;

 private:
  int dim_, stride_, m_ = 0, B_ = 0;
  std::vector<int> index_;  // m x B example indices
  double c_ = 0;            // eps / B
};

inline int pad8(int n) { return 8 * ((n + 7) / 8); }

// X (N x d, row-major, N = rows >= 1, d >= 1) with each row zero-padded to pad8(d) doubles; std::invalid_argument
// naming `what` otherwise.
AlignedVector<double> padded_rows(const char* what, const std::vector<double>& X, std::size_t rows, int d);

// The optimizers' update (simd::Update, solvers/simd/views.hpp): u, or std::invalid_argument naming `what` unless
// h > 0, 0 <= beta < 1, and for Adam 0 <= rho < 1 and eps > 0, for weight decay lambda >= 0 and 2 h lambda < 1.
simd::Update checked_update(const char* what, const simd::Update& u);
// A run's state under u: theta, then d (heavy ball) or m, nu and the powers (Adam), pad8(dim) doubles each.
int update_stride(const simd::Update& u, int dim);
// state[0..update_stride) from theta[0..dim): the update's state from rest (d = m = nu = 0, powers 1), padding 0.
void pack_update(const simd::Update& u, const double* theta, int dim, double* state);
// The step size SgdKernel takes for u: plain SGD's h (c = h / B), else 1 (c = 1 / B).
inline double update_eps(const simd::Update& u) { return u.kind == simd::UpdateKind::Sgd ? u.h : 1.0; }

}  // namespace irverify
