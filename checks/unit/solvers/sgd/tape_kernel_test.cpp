// solvers/simd/tape_kernel.hpp through make_sgd_kernel: a formula model gets the tape kernel; its epochs, eight runs
// in the lanes (11 samples: a full group and a partial one; batches of 1 to 4), match the generic Model path (the
// batch loss's tape, Var replay) up to the summation order, on a formula with every tape operation and on a sum of
// eight terms (summed as a tree); every ISA gives the same bits, and a sample's result does not depend on its lane;
// the layout with the dimension in the lanes gives the same bits as the eight-run layout on every ISA, on those
// formulas and on large ones where it is the automatic choice (shared operations on theta, gradient entries added in
// place, operands read from the data row, constant gradient entries, tails shorter than a register, 4, 2 and 1
// examples a block); the optimizers (weight decay, heavy ball, Adam: make_optimizer_kernel) alike over two epochs,
// against solvers/sgd/optimizer_steps.hpp, and formula least squares against LsOptimizerKernel; the Monte Carlo mean
// runs through it and matches the generic path; malformed compiled tapes and bad optimizer settings are refused.
#include "solvers/sgd/kernel_monte_carlo.hpp"

#include "solvers/sgd/compile_tape.hpp"

#include "checks/unit/solvers/simd/kernel_checks.hpp"
#include "solvers/sgd/optimizer_steps.hpp"
#include "solvers/simd/ls_optimizer_kernel.hpp"
#include "solvers/simd/tape_kernel.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "solvers/sgd/shuffling.hpp"
#include "theory/problem/problem_io.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <tuple>
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


// The same bits (-0.0 and +0.0 differ; NaN equals itself).
bool same_bits(const std::vector<double>& x, const std::vector<double>& y) {
  return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0;
}

// 11 samples (a full group of eight and a partial one) through the kernel on every ISA, two epochs (the update's state
// carried): the same bits; each against the generic Model path's epochs; each alone in lane 0 the same bits as in its
// group; the other layout the same bits on every ISA. auto_layout: the layout make_optimizer_kernel should choose.
void check_epochs(const ProblemSpec& s, TapeSgdKernel::Layout auto_layout = TapeSgdKernel::Layout::Runs,
                  const simd::Update& u = {simd::UpdateKind::Sgd, 1.0 / 8}) {
  using Layout = TapeSgdKernel::Layout;
  const Problem<double> p = build_problem<double>(s);
  const auto k = make_optimizer_kernel(*p.model, p.partition, u);
  ASSERT_TRUE(k);
  const auto* tk = dynamic_cast<const TapeSgdKernel*>(k.get());
  ASSERT_NE(tk, nullptr);
  EXPECT_EQ(tk->layout(), auto_layout);
  const int m = k->batches(), n = 11, st = k->stride();
  std::vector<int> orders(static_cast<std::size_t>(n * m));
  for (int s0 = 0; s0 < n; ++s0) random_order(m, 3, static_cast<std::uint64_t>(s0), &orders[static_cast<std::size_t>(s0 * m)]);
  std::vector<double> start(static_cast<std::size_t>(n * st));
  for (int s0 = 0; s0 < n; ++s0) k->pack(p.theta0.data(), &start[static_cast<std::size_t>(s0 * st)]);
  const auto two_epochs = [&](const SgdKernel& kernel, const int* o, double* state, int count, Isa isa) {
    for (int e = 0; e < 2; ++e) kernel.epochs(o, state, count, isa);
  };
  std::vector<double> first;
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    if (!isa_supported(isa)) continue;
    std::vector<double> state = start;
    two_epochs(*k, orders.data(), state.data(), n, isa);
    if (first.empty()) first = state;
    EXPECT_TRUE(same_bits(state, first)) << isa_name(isa);
  }
  const int d = p.model->dim();
  for (int s0 = 0; s0 < n; ++s0) {
    Partition batches;
    for (int t = 0; t < m; ++t) batches.push_back(p.partition[orders[static_cast<std::size_t>(s0 * m + t)]]);
    OptimizerSteps<double> step(*p.model, u);
    Vec<double> x = step.start(p.theta0);
    for (int e = 0; e < 2; ++e)
      for (const Batch& b : batches) step(x, b);
    Vec<double> got(d);
    k->unpack(&first[static_cast<std::size_t>(s0 * st)], got.data());
    // Plain SGD's bound as before the optimizers came; theirs scales with theta (Adam's steps are h each, whatever g).
    const double tol = u.kind == simd::UpdateKind::Sgd ? 64 * std::numeric_limits<double>::epsilon()
                                                       : 128 * std::numeric_limits<double>::epsilon() * (1 + x.head(d).norm());
    EXPECT_LE((got - x.head(d)).norm(), tol) << "sample " << s0 << ", update " << static_cast<int>(u.kind);
    std::vector<double> alone(start.begin(), start.begin() + st);
    two_epochs(*k, &orders[static_cast<std::size_t>(s0 * m)], alone.data(), 1, best_isa());
    EXPECT_TRUE(std::equal(alone.begin(), alone.end(), first.begin() + s0 * st)) << "sample " << s0;
  }
  const TapeSgdKernel other(compile_tape(*p.model->example_tape()), p.partition, u,
                            auto_layout == Layout::Runs ? Layout::Dimension : Layout::Runs);
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    if (!isa_supported(isa)) continue;
    std::vector<double> state = start;
    two_epochs(other, orders.data(), state.data(), n, isa);
    EXPECT_TRUE(same_bits(state, first)) << "the other layout, " << isa_name(isa);
  }
}

// Weight decay, heavy ball, Adam with eps inside and bias correction, and without either.
std::vector<simd::Update> optimizers() {
  using K = simd::UpdateKind;
  return {{K::WeightDecay, 1.0 / 16, 0, 0, 0, 0.5},
          {K::HeavyBall, 1.0 / 16, 0.7},
          {K::Adam, 1.0 / 32, 0.9, 0.99, 1e-3, 0, true, true},
          {K::Adam, 1.0 / 32, 0.5, 0.8, 1e-2, 0, false, false}};
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

TEST_P(TapeKernelBatch, OptimizersMatchTheModelPathOnEveryIsaLaneAndLayout) {
  for (const simd::Update& u : optimizers()) {
    check_epochs(every_operation(GetParam(), false), TapeSgdKernel::Layout::Runs, u);
    check_epochs(every_operation(GetParam(), true), TapeSgdKernel::Layout::Runs, u);
  }
}

// p = 45 and 133 features (tails of 5 lanes); B = 4, 2, 3 (4, 2 and 1 examples a block where theta and the block's
// values are apart).
class TapeKernelLarge : public ::testing::TestWithParam<std::tuple<int, int, int>> {};
INSTANTIATE_TEST_SUITE_P(KindFeaturesB, TapeKernelLarge,
                         ::testing::Combine(::testing::Values(0, 1, 2), ::testing::Values(45, 133), ::testing::Values(4, 2, 3)));

TEST_P(TapeKernelLarge, DimensionLayoutMatchesTheRunsLayoutOnEveryIsa) {
  const auto [kind, p, B] = GetParam();
  const ProblemSpec s = large(kind, p, B);
  check_epochs(s, p > 100 ? TapeSgdKernel::Layout::Dimension : TapeSgdKernel::Layout::Runs);
  // The plan takes the paths named above: diag-uv shares u (.) v and adds both gradient halves in place; the tanh
  // model gathers its constant entry (b); every case reads x from the row, not a copy.
  const Problem<double> pr = build_problem<double>(s);
  const TapeSgdKernel k(compile_tape(*pr.model->example_tape()), pr.partition, 0.1, TapeSgdKernel::Layout::Dimension);
  const TapeSgdKernel::Plan plan = k.plan();
  EXPECT_EQ(plan.block, B == 3 ? 1 : B);
  EXPECT_FALSE(plan.copy_row);
  EXPECT_EQ(plan.shared > 0, kind != 1);
  EXPECT_EQ(plan.fused, kind == 0 ? 2 : 1);
  EXPECT_EQ(plan.gathers, kind == 1 ? 1 : 0);
}

// A hand-compiled tape (dim 5: theta t0..t4; columns x0, x1, y: slots 5, 6, 7) on the paths the formulas above do not
// take: gradient entries read straight from the row and theta, the same slot twice, a -0.0 constant; a segment
// reading a shared and a per-example value at once (one example a block), a gather across theta and the row (the row
// copied into the slots), a descending operand, -0.0 as AddC / MulC constants. theta0 starts at -0.0 with the
// constant -0.0 gradient entry: -0.0 - c (-0.0) is +0.0, which a -0.0 broadcast as +0.0 would get wrong.
TEST(TapeKernel, DimensionLayoutMatchesOnHandCompiledPaths) {
  using Op = simd::TapeOp;
  CompiledTape t;
  t.dim = 5, t.cols = 3, t.examples = 8;
  const std::vector<double> v = kernel_test_draws(24, 9);
  t.rows = v;
  // slot: 8 t0 t1, 9 t1 t2 (shared); 10 t0t1 x0, 11 t1t2 x1; 12 t1t2 t0t1x0, 13 t0t1x0 t1t2x1 (shared and not);
  // 14 = 13 - y, 15 = 14 + -0.0, 16 = 15 * -0.0, 17 = -12; 18 = 11 + x0, 19 = 10 + x1 (a descending).
  const std::vector<std::tuple<Op, int, int, double>> ops = {
      {Op::Mul, 0, 1, 0}, {Op::Mul, 1, 2, 0}, {Op::Mul, 8, 5, 0}, {Op::Mul, 9, 6, 0}, {Op::Mul, 9, 10, 0},
      {Op::Mul, 10, 11, 0}, {Op::Sub, 13, 7, 0}, {Op::AddC, 14, -1, -0.0}, {Op::MulC, 15, -1, -0.0},
      {Op::Neg, 12, -1, 0}, {Op::Add, 11, 5, 0}, {Op::Add, 10, 6, 0}};
  for (std::size_t k = 0; k < ops.size(); ++k) {
    const auto [op, a, b, c] = ops[k];
    t.op.push_back(op), t.a.push_back(a), t.b.push_back(b), t.c.push_back(c), t.dst.push_back(8 + static_cast<int>(k));
    if (k > 0 && op == t.op[k - 1]) ++t.run_len.back();
    else t.run_len.push_back(1);
  }
  t.slots = 8 + static_cast<int>(ops.size());
  t.out = {-1, 19, 4, 5, 16};  // q2, q3: theta4 and x0, one gather across theta and the row
  t.out_c = {-0.0, 0, 0, 0, 0};
  const std::vector<std::vector<int>> batches = kernel_test_batches(8, 4);
  const TapeSgdKernel runs(t, batches, 0.125, TapeSgdKernel::Layout::Runs), wide(t, batches, 0.125, TapeSgdKernel::Layout::Dimension);
  const TapeSgdKernel::Plan plan = wide.plan();
  EXPECT_EQ(plan.block, 1);
  EXPECT_TRUE(plan.copy_row);
  EXPECT_GT(plan.shared, 0);
  const int m = runs.batches(), n = 11, st = runs.stride();
  std::vector<int> orders(static_cast<std::size_t>(n * m));
  for (int s0 = 0; s0 < n; ++s0) random_order(m, 3, static_cast<std::uint64_t>(s0), &orders[static_cast<std::size_t>(s0 * m)]);
  const double theta0[] = {-0.0, 0.5, 0.75, -0.25, 0.3};
  std::vector<double> start(static_cast<std::size_t>(n * st));
  for (int s0 = 0; s0 < n; ++s0) runs.pack(theta0, &start[static_cast<std::size_t>(s0 * st)]);
  std::vector<double> first = start;
  runs.epochs(orders.data(), first.data(), n, Isa::Sse2);
  EXPECT_TRUE(!std::signbit(first[0]) && first[0] == 0) << "theta0 stays 0 and turns +0.0";
  for (const TapeSgdKernel* k : {&runs, &wide})
    for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
      if (!isa_supported(isa)) continue;
      std::vector<double> state = start;
      k->epochs(orders.data(), state.data(), n, isa);
      EXPECT_TRUE(same_bits(state, first)) << (k == &wide ? "dimension " : "runs ") << isa_name(isa);
    }
}

// The optimizers where the dimension is in the lanes by default: diag-uv in 133 features (266 parameters: the update's
// tails are 2 entries on AVX2 and AVX-512), 4 examples a block.
TEST(TapeKernel, OptimizersMatchInTheDimensionLayout) {
  for (const simd::Update& u : optimizers()) check_epochs(large(0, 133, 4), TapeSgdKernel::Layout::Dimension, u);
}

// Least squares as a formula through the tape against LsOptimizerKernel on the built-in model: the same update, the
// sums in another order.
TEST(TapeKernel, FormulaLeastSquaresOptimizersMatchTheHandKernel) {
  ProblemSpec s = generate_problem("least-squares", 5, {12, 7, 0, 0});
  s.partition = kernel_test_batches(12, 3);
  const Problem<double> hand = build_problem<double>(s), formula = build_problem<double>(as_formula(s));
  for (const simd::Update& u : optimizers()) {
    const auto a = make_optimizer_kernel(*hand.model, s.partition, u), b = make_optimizer_kernel(*formula.model, s.partition, u);
    ASSERT_TRUE(dynamic_cast<const LsOptimizerKernel*>(a.get()) && dynamic_cast<const TapeSgdKernel*>(b.get()));
    ASSERT_EQ(a->stride(), b->stride());
    std::vector<int> order(static_cast<std::size_t>(a->batches()));
    random_order(a->batches(), 4, 0, order.data());
    AlignedVector<double> x(a->stride()), y(b->stride());
    a->pack(hand.theta0.data(), x.data());
    b->pack(hand.theta0.data(), y.data());
    for (int e = 0; e < 3; ++e) a->epochs(order.data(), x.data(), 1, best_isa()), b->epochs(order.data(), y.data(), 1, best_isa());
    double diff = 0, size = 1;
    for (int q = 0; q < a->stride(); ++q) diff = std::max(diff, std::abs(x[q] - y[q])), size = std::max(size, std::abs(x[q]));
    EXPECT_LE(diff, 256 * std::numeric_limits<double>::epsilon() * size) << static_cast<int>(u.kind);
  }
}

TEST(TapeKernel, RefusesBadOptimizerSettings) {
  const CompiledTape t{{simd::TapeOp::Mul}, {0}, {0}, {1}, {1}, {1}, {0.0}, {0.0}, {}, 1, 0, 1, 2};
  using K = simd::UpdateKind;
  for (const simd::Update& bad : {simd::Update{K::HeavyBall, 0.1, 1.0}, simd::Update{K::Adam, 0.1, 0.9, 0.99, 0},
                                  simd::Update{K::Adam, 0.1, 0.9, 1.0, 1e-8}, simd::Update{K::WeightDecay, 0.1, 0, 0, 0, 5},
                                  simd::Update{K::WeightDecay, 0.1, 0, 0, 0, -1}, simd::Update{K::HeavyBall, 0, 0.5}})
    EXPECT_THROW(TapeSgdKernel(t, {{0}}, bad), std::invalid_argument) << static_cast<int>(bad.kind);
  EXPECT_EQ(TapeSgdKernel(t, {{0}}, simd::Update{K::Adam, 0.1, 0.9, 0.99, 1e-8}).stride(), 32);
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
