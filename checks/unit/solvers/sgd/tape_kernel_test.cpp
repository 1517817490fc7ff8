// solvers/simd/tape_kernel.hpp through make_sgd_kernel: a formula model gets the tape kernel; its epochs, eight runs
// in the lanes (11 samples: a full group and a partial one; batches of 1 to 4), match the generic Model path (the
// batch loss's tape, Var replay) up to the summation order, on a formula with every tape operation and on a sum of
// eight terms (summed as a tree); every ISA gives the same bits, and a sample's result does not depend on its lane;
// the layout with the dimension in the lanes gives the same bits as the eight-run layout on every ISA, on those
// formulas and on large ones where it is the automatic choice (shared operations on theta, gradient entries added in
// place, operands read from the data row, constant gradient entries, tails shorter than a register, 4, 2 and 1
// examples a block); the Monte Carlo mean runs through it and matches the generic path; malformed compiled tapes are
// refused.
#include "solvers/sgd/kernel_monte_carlo.hpp"

#include "solvers/sgd/compile_tape.hpp"

#include "checks/unit/solvers/simd/kernel_checks.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/simd/tape_kernel.hpp"
#include "theory/problem/problem.hpp"
#include "solvers/sgd/shuffling.hpp"
#include "theory/problem/problem_io.hpp"

#include <gtest/gtest.h>

#include <limits>

using namespace irverify;

namespace {
// A formula with every tape operation, or (sum) least squares in 8 features through sum(k, ...): a chain of additions
// the compiled tape sums as a tree.
ProblemSpec every_operation(int B = 3, bool sum = false) {
  nlohmann::json j = {{"model", "formula"}, {"parameters", {{{"w", 3}}, "b"}}, {"columns", {{{"x", 2}}, "y"}},
                      {"residual", "tanh(w[0] * x[0] + w[1] * x[1]) * w[2] + exp(0.1 * b) - log(1 + w[0]^2) + sin(b) * cos(w[1]) "
                                   "+ sqrt(1 + b^2) / (2 + w[2]^2) + relu(w[0] - x[1]) + sigmoid(x[0] * b) - y"},
                      {"theta0", {"0.5", "-0.25", "0.75", "0.1"}}};
  const std::vector<double> v = kernel_test_draws(108, 5);
  if (sum) {
    j["parameters"] = {{{"w", 8}}};
    j["columns"] = {{{"x", 8}}, "y"};
    j["residual"] = "sum(k, w[k] * x[k]) - y";
    j["theta0"] = {"0.5", "-0.25", "0.75", "0.1", "1", "-1", "0.3", "0.2"};
  }
  for (int i = 0; i < 12; ++i) {
    j["data"].push_back(nlohmann::json::array());
    for (int q = 0; q < (sum ? 9 : 3); ++q) j["data"].back().push_back(v[9 * i + q]);
  }
  j["partition"] = kernel_test_batches(12, B);
  return parse_problem_text(j.dump(), "every_operation");
}


// 11 samples (a full group of eight and a partial one) through the kernel on every ISA: the same bits; each against the
// generic Model path's epoch; each alone in lane 0 the same bits as in its group; the other layout the same bits on
// every ISA. auto_layout: the layout make_sgd_kernel should choose.
void check_epochs(const ProblemSpec& s, TapeSgdKernel::Layout auto_layout = TapeSgdKernel::Layout::Runs) {
  using Layout = TapeSgdKernel::Layout;
  const Problem<double> p = build_problem<double>(s);
  const double eps = 1.0 / 8;
  const auto k = make_sgd_kernel(*p.model, p.partition, eps);
  ASSERT_TRUE(k);
  const auto* tk = dynamic_cast<const TapeSgdKernel*>(k.get());
  ASSERT_NE(tk, nullptr);
  EXPECT_EQ(tk->layout(), auto_layout);
  const int m = k->batches(), n = 11, st = k->stride();
  std::vector<int> orders(static_cast<std::size_t>(n * m));
  for (int s0 = 0; s0 < n; ++s0) random_order(m, 3, static_cast<std::uint64_t>(s0), &orders[static_cast<std::size_t>(s0 * m)]);
  std::vector<double> start(static_cast<std::size_t>(n * st));
  for (int s0 = 0; s0 < n; ++s0) k->pack(p.theta0.data(), &start[static_cast<std::size_t>(s0 * st)]);
  std::vector<double> first;
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    if (!isa_supported(isa)) continue;
    std::vector<double> state = start;
    k->epochs(orders.data(), state.data(), n, isa);
    if (first.empty()) first = state;
    EXPECT_TRUE(state == first) << isa_name(isa);
  }
  for (int s0 = 0; s0 < n; ++s0) {
    Partition batches;
    for (int t = 0; t < m; ++t) batches.push_back(p.partition[orders[static_cast<std::size_t>(s0 * m + t)]]);
    Vec<double> x = p.theta0;
    SgdEpoch<double>{*p.model, batches, eps}(x);
    Vec<double> got(p.model->dim());
    k->unpack(&first[static_cast<std::size_t>(s0 * st)], got.data());
    EXPECT_LE((got - x).norm(), 64 * std::numeric_limits<double>::epsilon()) << "sample " << s0;
    std::vector<double> alone(start.begin(), start.begin() + st);
    k->epochs(&orders[static_cast<std::size_t>(s0 * m)], alone.data(), 1, best_isa());
    EXPECT_TRUE(std::equal(alone.begin(), alone.end(), first.begin() + s0 * st)) << "sample " << s0;
  }
  const TapeSgdKernel other(compile_tape(*p.model->example_tape()), p.partition, eps,
                            auto_layout == Layout::Runs ? Layout::Dimension : Layout::Runs);
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    if (!isa_supported(isa)) continue;
    std::vector<double> state = start;
    other.epochs(orders.data(), state.data(), n, isa);
    EXPECT_TRUE(state == first) << "the other layout, " << isa_name(isa);
  }
}

// Large formulas (the dimension in the lanes by default from p = 133), 24 examples in batches of B: diag-uv in p features (u (.) v
// shared by a step's examples, both gradient halves added in place, x read from the row), a tanh least squares with
// an unused parameter (a constant gradient entry), and a sum whose terms mix theta and the row at stride 2.
ProblemSpec large(int kind, int p, int B) {
  nlohmann::json j = {{"model", "formula"}, {"columns", {{{"x", p}}, "y"}}};
  if (kind == 0) {
    j["parameters"] = {{{"u", p}}, {{"v", p}}};
    j["residual"] = "sum(k, u[k] * v[k] * x[k]) - y";
  } else if (kind == 1) {
    j["parameters"] = {{{"w", p}}, "b"};
    j["residual"] = "tanh(sum(k, w[k] * x[k])) - y";
  } else {
    j["parameters"] = {{{"w", p}}};
    j["residual"] = "sum(k, exp(w[k] * 0.5) * x[k] + w[k] * w[k] / (1 + x[k] * x[k])) / 64 - y";  // small steps
  }
  const int dim = kind == 0 ? 2 * p : kind == 1 ? p + 1 : p;
  const std::vector<double> v = kernel_test_draws(static_cast<std::size_t>(24 * (p + 1) + dim), 6 + kind);
  for (int q = 0; q < dim; ++q) j["theta0"].push_back(std::to_string(v[24 * (p + 1) + q]));
  for (int i = 0; i < 24; ++i) {
    j["data"].push_back(nlohmann::json::array());
    for (int q = 0; q <= p; ++q) j["data"].back().push_back(v[i * (p + 1) + q]);
  }
  j["partition"] = kernel_test_batches(24, B);
  return parse_problem_text(j.dump(), "large");
}
}  // namespace

// B = 1, 2, 3, 4: the replay takes 1, 2, 1 and 4 examples at a time.
class TapeKernelBatch : public ::testing::TestWithParam<int> {};
INSTANTIATE_TEST_SUITE_P(B, TapeKernelBatch, ::testing::Values(1, 2, 3, 4));

TEST_P(TapeKernelBatch, FormulaEpochsMatchTheModelPathOnEveryIsaAndLane) {
  check_epochs(every_operation(GetParam(), false));
  check_epochs(every_operation(GetParam(), true));
}

// p = 45 and 133 features (tails of 5 lanes); B = 4, 2, 3 (4, 2 and 1 examples a block where theta and the block's
// values are apart).
class TapeKernelLarge : public ::testing::TestWithParam<std::tuple<int, int, int>> {};
INSTANTIATE_TEST_SUITE_P(KindFeaturesB, TapeKernelLarge,
                         ::testing::Combine(::testing::Values(0, 1, 2), ::testing::Values(45, 133), ::testing::Values(4, 2, 3)));

TEST_P(TapeKernelLarge, DimensionLayoutMatchesTheRunsLayoutOnEveryIsa) {
  const auto [kind, p, B] = GetParam();
  check_epochs(large(kind, p, B), p > 100 ? TapeSgdKernel::Layout::Dimension : TapeSgdKernel::Layout::Runs);
}

TEST(TapeKernel, MonteCarloMeanRunsThroughItAndMatchesTheGenericPath) {
  const ProblemSpec s = every_operation();
  const Problem<double> p = build_problem<double>(s);
  const double eps = 1.0 / 16;
  McOptions o{RunControl(7, 200, 1), true};
  const McEstimate<double> fast = mc_epoch_mean<double>(*p.model, p.partition, p.theta0, eps, o);
  EXPECT_TRUE(fast.simd);
  o.simd = false;
  const McEstimate<double> ref = mc_epoch_mean<double>(*p.model, p.partition, p.theta0, eps, o);
  EXPECT_FALSE(ref.simd);
  EXPECT_LE((fast.mean - ref.mean).norm(), 64 * std::numeric_limits<double>::epsilon());
  o.simd = true;
  o.run.threads = 2;
  EXPECT_TRUE(mc_epoch_mean<double>(*p.model, p.partition, p.theta0, eps, o).mean == fast.mean);
}

TEST(TapeKernel, RefusesMalformedTapes) {
  // theta (1 slot), no data: g = theta * theta (slot 1), the run covering it.
  const CompiledTape good{{simd::TapeOp::Mul}, {0}, {0}, {1}, {1}, {1}, {0.0}, {0.0}, {}, 1, 0, 1, 2};
  EXPECT_NO_THROW(TapeSgdKernel(good, {{0}}, 0.1));
  CompiledTape late = good;
  late.a = {1};  // an operand not written yet (the operation's own slot)
  EXPECT_THROW(TapeSgdKernel(late, {{0}}, 0.1), std::invalid_argument);
  CompiledTape unary = good;
  unary.b = {-1};  // a multiplication without its second operand
  EXPECT_THROW(TapeSgdKernel(unary, {{0}}, 0.1), std::invalid_argument);
  CompiledTape input = good;
  input.dst = {0};  // an operation writing theta's slot
  EXPECT_THROW(TapeSgdKernel(input, {{0}}, 0.1), std::invalid_argument);
  CompiledTape runs = good;
  runs.run_len = {2};  // runs longer than the tape
  EXPECT_THROW(TapeSgdKernel(runs, {{0}}, 0.1), std::invalid_argument);
  CompiledTape out = good;
  out.out = {2};  // no slot 2
  EXPECT_THROW(TapeSgdKernel(out, {{0}}, 0.1), std::invalid_argument);
}
