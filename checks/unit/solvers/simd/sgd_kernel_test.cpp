// solvers/simd/sgd_kernel.hpp: every model with a kernel (least squares, the diagonal nets, the dense two-layer nets and
// the matrix nets, through make_sgd_kernel) gives the same bits on every ISA this CPU has and agrees with the generic
// Model path (sgd_epoch) to rounding; rows are padded to 8 doubles on a cache line; bad batches and ISAs the CPU lacks
// are refused.
#include "solvers/simd/sgd_kernel.hpp"

#include "checks/unit/solvers/simd/kernel_checks.hpp"
#include "solvers/sgd/kernel_monte_carlo.hpp"
#include "solvers/sgd/shuffling.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <iostream>
#include <limits>

using namespace irverify;

namespace {

struct KernelModelCase {
  const char* model;
  GeneratorOptions size;
  int B;
};

// Every ISA's bits, then the model path's sgd_epoch from the same orders.
void check_kernel_against_model(const KernelModelCase& mc) {
  ProblemSpec s = generate_problem(mc.model, 3, mc.size);
  s.partition = kernel_test_batches(s.num_examples(), mc.B);
  const Problem<double> p = build_problem<double>(s);
  const double eps = 1.0 / 16;
  const auto k = make_sgd_kernel(*p.model, s.partition, eps);
  ASSERT_TRUE(k) << mc.model;
  const int count = 5, st = k->stride(), m = k->batches(), d = k->dim();
  std::vector<int> orders(count * m);
  for (int i = 0; i < count; ++i) random_order(m, 7, i, &orders[i * m]);
  std::vector<double> start(count * st), first;
  for (int i = 0; i < count; ++i) k->pack(p.theta0.data(), &start[i * st]);
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    if (!isa_supported(isa)) continue;
    std::vector<double> state = start;
    k->epochs(orders.data(), state.data(), count, isa);
    if (first.empty()) first = state;
    EXPECT_EQ(0, std::memcmp(state.data(), first.data(), state.size() * sizeof(double))) << mc.model << " " << isa_name(isa);
  }
  Vec<double> x(d);
  double worst = 0;
  for (int i = 0; i < count; ++i) {
    k->unpack(&first[i * st], x.data());
    const Vec<double> ref = sgd_epoch<double>(*p.model, p.partition, std::vector<int>(&orders[i * m], &orders[i * m] + m), p.theta0, eps);
    worst = std::max(worst, (x - ref).lpNorm<Eigen::Infinity>() / (1 + ref.lpNorm<Eigen::Infinity>()));
  }
  // Different summation orders (and tanh a few ulp from std::tanh): each step adds rounding differences of a few ulp
  // of the largest term, which the steps carry on without much growth at eps = 1/16. Bound: 4 ulp per step.
  EXPECT_LE(worst, 4.0 * m * std::numeric_limits<double>::epsilon()) << mc.model << " B=" << mc.B;
  std::cerr << mc.model << " B=" << mc.B << ": worst relative difference from the model path " << worst / std::numeric_limits<double>::epsilon() << " ulp\n";
}

}  // namespace

TEST(SgdKernel, EveryModelSameBitsOnEveryIsaAndTheModelPathToRounding) {
  for (const KernelModelCase& mc : {KernelModelCase{"diag-uv", {12, 3, 0, 0}, 2}, KernelModelCase{"diag-uv", {16, 17, 0, 0}, 4},
                                    KernelModelCase{"diag-uu-vv", {9, 9, 0, 0}, 3}, KernelModelCase{"two-param", {8, 0, 0, 0}, 1},
                                    KernelModelCase{"two-layer-tanh", {12, 3, 5, 0}, 2}, KernelModelCase{"two-layer-tanh", {16, 9, 17, 0}, 4},
                                    KernelModelCase{"two-layer-relu", {9, 4, 8, 0}, 3}, KernelModelCase{"linear2", {8, 4, 3, 2}, 2},
                                    KernelModelCase{"relu2", {16, 5, 9, 3}, 8}, KernelModelCase{"relu2", {10, 6, 16, 9}, 1},
                                    KernelModelCase{"two-layer-tanh", {16, 2, 40, 0}, 8}})  // the last: scratch on the heap
    check_kernel_against_model(mc);
}

TEST(SgdKernel, PaddedRowsOnCacheLinesAndRefusals) {
  EXPECT_EQ(pad8(1), 8);
  EXPECT_EQ(pad8(8), 8);
  EXPECT_EQ(pad8(9), 16);
  const std::vector<double> X = {1, 2, 3, 4, 5, 6};  // 2 x 3
  const AlignedVector<double> rows = padded_rows("test", X, 2, 3);
  ASSERT_EQ(rows.size(), 16u);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(rows.data()) % 64, 0u);
  EXPECT_EQ(std::vector<double>(rows.begin(), rows.begin() + 8), std::vector<double>({1, 2, 3, 0, 0, 0, 0, 0}));
  EXPECT_EQ(rows[8], 4.0);
  EXPECT_THROW(padded_rows("test", X, 2, 4), std::invalid_argument);
  EXPECT_THROW(padded_rows("test", X, 0, 3), std::invalid_argument);
  EXPECT_THROW(padded_rows("test", X, 6, 0), std::invalid_argument);
  const auto k = make_sgd_kernel(generate_problem("least-squares", 1, {4, 3, 0}), {{0, 1}, {2, 3}}, 0.1);
  ASSERT_TRUE(k);
  EXPECT_THROW(make_sgd_kernel(generate_problem("least-squares", 1, {4, 3, 0}), {}, 0.1), std::invalid_argument);
  for (Isa isa : {Isa::Avx2, Isa::Avx512})
    if (!isa_supported(isa)) {
      std::vector<double> state(8, 0.0);
      const int order[2] = {0, 1};
      EXPECT_THROW(k->epochs(order, state.data(), 1, isa), std::invalid_argument) << isa_name(isa);
    }
}
