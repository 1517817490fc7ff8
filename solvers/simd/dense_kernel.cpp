#include "solvers/simd/dense_kernel.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace irverify {

namespace {
int checked_examples(const std::vector<double>& X, const std::vector<double>& Y, int h, int p, int q) {
  const long n = p > 0 ? static_cast<long>(X.size()) / p : 0;
  if (h < 1 || p < 1 || q < 1 || n < 1 || static_cast<long>(X.size()) != n * p || static_cast<long>(Y.size()) != n * q)
    throw std::invalid_argument("DenseSgdKernel: need h, p, q >= 1, X of N x p and Y of N x q entries (got " +
                                std::to_string(X.size()) + " and " + std::to_string(Y.size()) + ")");
  return static_cast<int>(n);
}
}  // namespace

DenseSgdKernel::DenseSgdKernel(simd::Act act, Layout layout, int h, const std::vector<double>& X, const std::vector<double>& Y,
                               int p, int q, const std::vector<std::vector<int>>& batches, double eps)
    : SgdKernel("DenseSgdKernel", h * (p + q), (p + q) * pad8(h), checked_examples(X, Y, h, p, q), batches, eps),
      act_(act), layout_(layout), h_(h), p_(p), q_(q), X_(X), Y_(Y) {
  if (layout == Layout::OutputFirst && q != 1) throw std::invalid_argument("DenseSgdKernel: the two-layer order needs q = 1");
}

long DenseSgdKernel::w1(int j, int l) const {
  return layout_ == Layout::OutputFirst ? h_ + static_cast<long>(j) * p_ + l : static_cast<long>(j) * p_ + l;
}
long DenseSgdKernel::w2(int k, int j) const {
  return layout_ == Layout::OutputFirst ? j : static_cast<long>(h_) * p_ + static_cast<long>(k) * h_ + j;
}

void DenseSgdKernel::pack(const double* theta, double* state) const {
  const int hp = pad8(h_);
  std::fill(state, state + stride(), 0.0);
  for (int j = 0; j < h_; ++j) {
    for (int l = 0; l < p_; ++l) state[static_cast<long>(l) * hp + j] = theta[w1(j, l)];
    for (int k = 0; k < q_; ++k) state[static_cast<long>(p_ + k) * hp + j] = theta[w2(k, j)];
  }
}
void DenseSgdKernel::unpack(const double* state, double* theta) const {
  const int hp = pad8(h_);
  for (int j = 0; j < h_; ++j) {
    for (int l = 0; l < p_; ++l) theta[w1(j, l)] = state[static_cast<long>(l) * hp + j];
    for (int k = 0; k < q_; ++k) theta[w2(k, j)] = state[static_cast<long>(p_ + k) * hp + j];
  }
}

void DenseSgdKernel::run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const {
  t.dense(simd::DenseView{batch_view(), X_.data(), Y_.data(), p_, q_, pad8(h_), act_}, orders, state, count, scratch);
}

}  // namespace irverify
