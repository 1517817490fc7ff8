// Shuffled SGD on dense two-layer networks f(x) = W2 act(W1 x), l = 1/2 |f(x) - y|^2, through the SIMD kernel
// (solvers/simd/sgd_kernel.hpp): two-layer-tanh / two-layer-relu (theory/models/two_layer.hpp, q = 1, W2 = a') and
// linear2 / relu2 (theory/models/matrix_net.hpp). Per example (the gradient of l):
//   z = W1 x, a = act(z), d = act'(z), r = W2 a - y, b = (W2' r) (.) d;  dW1 = b x',  dW2 = r a';
// a step on batch b: W -= c sum_{i in b} dW_i, c = eps / B. Lanes run over the hidden units (padded to hp =
// 8 ceil(h/8)). Summation order (solvers/simd/dense_body.inc): z over l = 0..p-1 in order per unit, r_k in the lane
// contract of ls_kernel.hpp over the units, W2' r over k in order, the batch sums in its stored order. tanh is the
// kernel's own (solvers/simd/tanh.inc; a few ulp from std::tanh); relu' = [z > 0] (0 at the kink, as the models).
#pragma once

#include "solvers/simd/sgd_kernel.hpp"

namespace irverify {

class DenseSgdKernel : public SgdKernel {
 public:
  // The parameter order theta of the model: OutputFirst (two-layer: a_1..a_h, then W1 row by row) or InputFirst
  // (matrix nets: W1 row by row, then W2 row by row).
  enum class Layout { OutputFirst, InputFirst };
  // X: N x p row-major, Y: N x q row-major, h hidden units.
  DenseSgdKernel(simd::Act act, Layout layout, int h, const std::vector<double>& X, const std::vector<double>& Y, int p,
                 int q, const std::vector<std::vector<int>>& batches, double eps);

  double multiply_adds() const override {
    return double(h_) * (2.0 * p_ + 3.0 * q_ + 1 + double(p_ + q_) / batch_size());
  }
  void pack(const double* theta, double* state) const override;
  void unpack(const double* state, double* theta) const override;

 private:
  int scratch_doubles() const override { return batch_size() * (2 * pad8(h_) + pad8(q_)); }
  void run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const override;
  long w1(int j, int l) const;  // index in theta of W1_jl, and of W2_kj
  long w2(int k, int j) const;

  simd::Act act_;
  Layout layout_;
  int h_, p_, q_;
  std::vector<double> X_, Y_;
};

}  // namespace irverify
