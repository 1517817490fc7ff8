// The SIMD SGD kernels (solvers/simd/) and their Monte Carlo (solvers/sgd/kernel_monte_carlo.hpp): least squares'
// documented summation order reproduced bit for bit by a scalar loop; for every model with a kernel the same bits on
// every ISA this CPU has and agreement with the generic Model path to rounding; the kernel's tanh against std::tanh;
// thread invariance.
#include "solvers/sgd/kernel_monte_carlo.hpp"
#include "solvers/simd/dense_kernel.hpp"
#include "solvers/simd/diag_kernel.hpp"
#include "solvers/simd/ls_kernel.hpp"
#include "solvers/sgd/shuffling.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/random/counter_stream.hpp"
#include "theory/scalar.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace irverify;

namespace {

struct KernelCase {
  int n, d, B;
};

std::vector<double> draws(std::size_t n, std::uint32_t stream) {
  CounterStream rng(99, stream);
  std::vector<double> v(n);
  for (double& x : v) x = rng.uniform() - 0.5;
  return v;
}

std::vector<std::vector<int>> blocks(int n, int B) {
  std::vector<std::vector<int>> p;
  for (int i = 0; i + B <= n; i += B) {
    p.emplace_back();
    for (int j = i; j < i + B; ++j) p.back().push_back((j * 7 + 3) % n);  // not in example order
  }
  return p;
}

// The contract of ls_kernel.hpp, one scalar operation at a time.
void reference_step(const std::vector<double>& X, const std::vector<double>& y, int d, const std::vector<int>& b, double c,
                    double* th) {
  const int dp = 8 * ((d + 7) / 8), B = static_cast<int>(b.size());
  std::vector<double> r(B), g(dp);
  const auto x = [&](int i, int j) { return j < d ? X[i * d + j] : 0.0; };
  for (int j = 0; j < B; ++j) {
    double lane[8];
    for (int l = 0; l < 8; ++l) {
      lane[l] = x(b[j], l) * th[l];
      for (int k = 1; k < dp / 8; ++k) lane[l] = lane[l] + x(b[j], 8 * k + l) * th[8 * k + l];
    }
    r[j] = (((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]))) - y[b[j]];
  }
  for (int l = 0; l < dp; ++l) {
    double gl = r[0] * x(b[0], l);
    for (int j = 1; j < B; ++j) gl = gl + r[j] * x(b[j], l);
    th[l] = th[l] - c * gl;
  }
}

}  // namespace

TEST(SimdKernel, FollowsTheDocumentedOrderBitForBitOnEveryIsa) {
  for (const KernelCase cs : {KernelCase{8, 3, 2}, KernelCase{64, 16, 4}, KernelCase{12, 17, 3}, KernelCase{64, 256, 4}, KernelCase{5, 9, 1}}) {
    const auto X = draws(static_cast<std::size_t>(cs.n) * cs.d, 1), y = draws(cs.n, 2), th0 = draws(cs.d, 3);
    const auto part = blocks(cs.n, cs.B);
    const int m = static_cast<int>(part.size());
    const double eps = 0.0625;
    const LsSgdKernel k(X, y, cs.d, part, eps);
    const int count = 5, dp = k.stride();
    std::vector<int> orders(count * m);
    for (int s = 0; s < count; ++s) random_order(m, 7, s, &orders[s * m]);
    std::vector<double> expect(count * dp, 0.0);
    for (int s = 0; s < count; ++s) {
      std::copy(th0.begin(), th0.end(), &expect[s * dp]);
      for (int t = 0; t < m; ++t) reference_step(X, y, cs.d, part[orders[s * m + t]], eps / cs.B, &expect[s * dp]);
    }
    int tested = 0;
    for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
      if (!isa_supported(isa)) continue;
      ++tested;
      std::vector<double> th(count * dp, 0.0);
      for (int s = 0; s < count; ++s) std::copy(th0.begin(), th0.end(), &th[s * dp]);
      k.epochs(orders.data(), th.data(), count, isa);
      EXPECT_EQ(0, std::memcmp(th.data(), expect.data(), th.size() * sizeof(double)))
          << isa_name(isa) << " n=" << cs.n << " d=" << cs.d << " B=" << cs.B;
    }
    EXPECT_GE(tested, 1);
  }
}

TEST(SimdKernel, MonteCarloMatchesTheModelPathAndIsTheSameForAnyThreadsAndIsa) {
  ProblemSpec s = generate_problem("least-squares", 1);  // N = 8, d = 4; batches of 2
  s.partition = blocks(s.num_examples(), 2);
  const Problem<double> p = build_problem<double>(s);
  const double eps = 1.0 / 64;
  const auto k = make_sgd_kernel(s, s.partition, eps);
  const Vec<double> r = first_order_mean<double>(*p.model, p.partition, p.theta0, eps);
  for (bool anti : {false, true}) {
    McOptions o{{5, 1000, 1}, anti};  // 1000: the last block and group are partial
    const McEstimate<double> a = mc_kernel_mean(*k, p.theta0, r, o, Isa::Sse2);
    McOptions generic = o;
    generic.simd = false;
    const McEstimate<double> ref = mc_epoch_mean<double>(*p.model, p.partition, p.theta0, eps, generic);
    EXPECT_FALSE(ref.simd);
    EXPECT_TRUE(mc_epoch_mean<double>(*p.model, p.partition, p.theta0, eps, o).mean == a.mean);  // the kernel by default
    // Same orders, different summation order only: a few units of rounding on O(1) iterates.
    EXPECT_LE((a.mean - ref.mean).norm(), 64 * std::numeric_limits<double>::epsilon());
    EXPECT_LE((a.std_error - ref.std_error).norm(), 1e-6 * ref.std_error.norm());
    EXPECT_EQ(a.batch_steps, ref.batch_steps);
    o.run.threads = 3;
    const McEstimate<double> b = mc_kernel_mean(*k, p.theta0, r, o, best_isa());
    EXPECT_TRUE(a.mean == b.mean && a.std_error == b.std_error) << "antithetic=" << anti;
  }
}

TEST(SimdKernel, RefusesBadInput) {
  const std::vector<double> X(12, 1.0), y(4, 0.0);
  EXPECT_THROW(LsSgdKernel(X, y, 4, {{0, 1}, {2, 3}}, 0.1), std::invalid_argument);     // 12 != 4 x 4
  EXPECT_THROW(LsSgdKernel(X, y, 3, {{0, 1}, {2}}, 0.1), std::invalid_argument);        // unequal batches
  EXPECT_THROW(LsSgdKernel(X, y, 3, {{0, 4}}, 0.1), std::invalid_argument);             // index out of range
  EXPECT_THROW(LsSgdKernel(X, y, 3, {{0, 1}}, 0.0), std::invalid_argument);             // eps
  EXPECT_THROW(parse_isa("avx3"), std::invalid_argument);
  EXPECT_THROW(DenseSgdKernel(simd::Act::Tanh, DenseSgdKernel::Layout::OutputFirst, 2, X, std::vector<double>(5, 0.0), 3, 1,
                              {{0, 1}}, 0.1),
               std::invalid_argument);  // X: N = 4 rows of p = 3, Y: 5 labels
  EXPECT_THROW(DenseSgdKernel(simd::Act::Tanh, DenseSgdKernel::Layout::OutputFirst, 2, X, X, 3, 3, {{0, 1}}, 0.1),
               std::invalid_argument);  // the two-layer order has one output
  EXPECT_THROW(DiagSgdKernel(false, X, y, 4, {{0, 1}}, 0.1), std::invalid_argument);
  EXPECT_THROW(make_sgd_kernel(generate_problem("quadratic", 1), {{0}}, 0.1), ProblemError);
}

namespace {

struct ModelCase {
  const char* model;
  GeneratorOptions size;
  int B;
};

// Every ISA's bits, then the model path's sgd_epoch from the same orders.
void check_model(const ModelCase& mc) {
  ProblemSpec s = generate_problem(mc.model, 3, mc.size);
  s.partition = blocks(s.num_examples(), mc.B);
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

TEST(SimdKernel, EveryModelSameBitsOnEveryIsaAndTheModelPathToRounding) {
  for (const ModelCase& mc : {ModelCase{"diag-uv", {12, 3, 0, 0}, 2}, ModelCase{"diag-uv", {16, 17, 0, 0}, 4},
                              ModelCase{"diag-uu-vv", {9, 9, 0, 0}, 3}, ModelCase{"two-param", {8, 0, 0, 0}, 1},
                              ModelCase{"two-layer-tanh", {12, 3, 5, 0}, 2}, ModelCase{"two-layer-tanh", {16, 9, 17, 0}, 4},
                              ModelCase{"two-layer-relu", {9, 4, 8, 0}, 3}, ModelCase{"linear2", {8, 4, 3, 2}, 2},
                              ModelCase{"relu2", {16, 5, 9, 3}, 8}, ModelCase{"relu2", {10, 6, 16, 9}, 1},
                              ModelCase{"two-layer-tanh", {16, 2, 40, 0}, 8}})  // the last: scratch on the heap
    check_model(mc);
}

TEST(SimdKernel, TanhWithinAFewUlpOfStdTanhOnEveryIsa) {
  std::vector<double> x = {0.0, -0.0, 1e-300, -1e-20, 1e-8, 0.1, -0.3465, 0.3466, 1.0, -2.5, 5.0, 18.5, -19.5, 20.0, 40.0,
                           1e3, std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  CounterStream rng(5, 1);
  while (x.size() % 8 != 0 || x.size() < 4096) x.push_back(50 * (rng.uniform() - 0.5) * std::pow(10.0, -8 * rng.uniform()));
  x.push_back(std::numeric_limits<double>::quiet_NaN());
  while (x.size() % 8 != 0) x.push_back(0.5);
  std::vector<double> first;
  for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    if (!isa_supported(isa)) continue;
    const simd::KernelTable& t = isa == Isa::Sse2 ? simd::kernels_sse2 : isa == Isa::Avx2 ? simd::kernels_avx2 : simd::kernels_avx512;
    std::vector<double> y(x.size());
    t.tanh(x.data(), y.data(), static_cast<int>(x.size()));
    if (first.empty()) first = y;
    EXPECT_EQ(0, std::memcmp(y.data(), first.data(), y.size() * sizeof(double))) << isa_name(isa);
  }
  double worst = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i])) {
      EXPECT_TRUE(std::isnan(first[i]));
      continue;
    }
    const double ref = std::tanh(x[i]);
    EXPECT_EQ(std::signbit(ref), std::signbit(first[i])) << x[i];
    worst = std::max(worst, std::abs(first[i] - ref) / (std::abs(ref) * std::numeric_limits<double>::epsilon() + 1e-320));
  }
  EXPECT_LE(worst, 4.0);  // units of ulp (relative); std::tanh itself is within 1 ulp
  std::cerr << "kernel tanh: worst " << worst << " ulp from std::tanh\n";
}
