// solvers/simd/dense_kernel.hpp: the dense two-layer kernel's state (W1 by input column, then W2 by output row, each
// over hidden units padded to 8) packs and unpacks both parameter orders (two-layer: a first; matrix nets: W1 first)
// exactly; its multiply-add count; bad shapes refused.
#include "solvers/simd/dense_kernel.hpp"

#include <gtest/gtest.h>

#include <numeric>

using namespace irverify;

TEST(DenseKernel, PackAndUnpackBothLayouts) {
  const int h = 3, p = 2;
  const std::vector<double> X(4 * p, 0.5), Y1(4, 1.0), Y2(4 * 2, 1.0);
  // Two-layer (q = 1): theta = (a_1..a_3, w_11, w_12, w_21, ...); state column l of W1 at l * 8, W2 at p * 8.
  const DenseSgdKernel two(simd::Act::Tanh, DenseSgdKernel::Layout::OutputFirst, h, X, Y1, p, 1, {{0, 1}, {2, 3}}, 0.1);
  EXPECT_EQ(two.dim(), h * (p + 1));
  EXPECT_EQ(two.stride(), (p + 1) * 8);
  std::vector<double> theta(two.dim());
  std::iota(theta.begin(), theta.end(), 1.0);
  std::vector<double> state(two.stride(), -1.0), back(two.dim());
  two.pack(theta.data(), state.data());
  EXPECT_EQ(state[0 * 8 + 1], theta[h + 1 * p + 0]);  // W1_{1,0} = w_21
  EXPECT_EQ(state[1 * 8 + 2], theta[h + 2 * p + 1]);  // W1_{2,1}
  EXPECT_EQ(state[p * 8 + 2], theta[2]);              // W2_{0,2} = a_3
  EXPECT_EQ(state[7], 0.0);                           // padding
  two.unpack(state.data(), back.data());
  EXPECT_EQ(back, theta);
  // Matrix nets (q = 2): theta = (W1 row by row, W2 row by row).
  const DenseSgdKernel mat(simd::Act::Identity, DenseSgdKernel::Layout::InputFirst, h, X, Y2, p, 2, {{0, 1}, {2, 3}}, 0.1);
  EXPECT_EQ(mat.dim(), h * (p + 2));
  std::vector<double> th2(mat.dim()), st2(mat.stride()), back2(mat.dim());
  std::iota(th2.begin(), th2.end(), 1.0);
  mat.pack(th2.data(), st2.data());
  EXPECT_EQ(st2[1 * 8 + 2], th2[2 * p + 1]);           // W1_{2,1}
  EXPECT_EQ(st2[(p + 1) * 8 + 0], th2[h * p + 1 * h + 0]);  // W2_{1,0}
  mat.unpack(st2.data(), back2.data());
  EXPECT_EQ(back2, th2);
  EXPECT_DOUBLE_EQ(mat.multiply_adds(), h * (2.0 * p + 3.0 * 2 + 1 + double(p + 2) / 2));
}

TEST(DenseKernel, RefusesBadShapes) {
  const std::vector<double> X(12, 1.0);
  EXPECT_THROW(DenseSgdKernel(simd::Act::Tanh, DenseSgdKernel::Layout::OutputFirst, 2, X, std::vector<double>(5, 0.0), 3, 1,
                              {{0, 1}}, 0.1),
               std::invalid_argument);  // X: N = 4 rows of p = 3, Y: 5 labels
  EXPECT_THROW(DenseSgdKernel(simd::Act::Tanh, DenseSgdKernel::Layout::OutputFirst, 2, X, X, 3, 3, {{0, 1}}, 0.1),
               std::invalid_argument);  // the two-layer order has one output
  EXPECT_THROW(DenseSgdKernel(simd::Act::Relu, DenseSgdKernel::Layout::InputFirst, 0, X, std::vector<double>(4, 0.0), 3, 1,
                              {{0, 1}}, 0.1),
               std::invalid_argument);  // no hidden units
}
