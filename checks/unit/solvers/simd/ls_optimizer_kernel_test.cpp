// solvers/simd/ls_optimizer_kernel.hpp: weight decay, heavy ball and Adam (eps inside and outside, with and without
// bias correction) reproduce the documented operation order bit for bit on every ISA this CPU has, over two epochs (the
// step count carried in the state); they agree with the generic Model path (solvers/sgd/optimizer_steps.hpp) to
// rounding; the layout and refusals.
#include "solvers/simd/ls_optimizer_kernel.hpp"

#include "checks/unit/solvers/simd/kernel_checks.hpp"
#include "solvers/sgd/optimizer_steps.hpp"
#include "solvers/sgd/shuffling.hpp"
#include "theory/models/least_squares.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace irverify;

namespace {

using Settings = simd::Update;
using Kind = simd::UpdateKind;

// ls_optimizer_body.inc's contract, one scalar operation at a time; st = (theta, d) or (theta, m, nu, powers).
void optimizer_reference_step(const std::vector<double>& X, const std::vector<double>& y, int d, const std::vector<int>& b,
                              const Settings& s, double* st) {
  const int dp = 8 * ((d + 7) / 8), B = static_cast<int>(b.size());
  const auto x = [&](int i, int j) { return j < d ? X[i * d + j] : 0.0; };
  std::vector<double> r(B);
  for (int j = 0; j < B; ++j) {
    double lane[8];
    for (int l = 0; l < 8; ++l) {
      lane[l] = x(b[j], l) * st[l];
      for (int k = 1; k < dp / 8; ++k) lane[l] = lane[l] + x(b[j], 8 * k + l) * st[8 * k + l];
    }
    r[j] = (((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]))) - y[b[j]];
  }
  double hc = s.h, cv = 1;
  if (s.kind == Kind::Adam) {  // the powers live in Adam's state only
    double* pw = st + 3 * dp;
    pw[0] *= s.beta;
    pw[1] *= s.rho;
    if (s.bias_correction) hc = s.h * (1 / (1 - pw[0])), cv = 1 / (1 - pw[1]);
  }
  for (int l = 0; l < dp; ++l) {
    double G = r[0] * x(b[0], l);
    for (int j = 1; j < B; ++j) G = G + r[j] * x(b[j], l);
    const double g = (1.0 / B) * G;
    if (s.kind == Kind::WeightDecay) {
      st[l] = (1 - 2 * s.h * s.lambda) * st[l] - s.h * g;
      continue;
    }
    if (s.kind == Kind::HeavyBall) {
      st[dp + l] = s.beta * st[dp + l] - s.h * g;
      st[l] = st[l] + st[dp + l];
      continue;
    }
    double &m = st[dp + l], &nu = st[2 * dp + l];
    m = s.beta * m + (1 - s.beta) * g;
    nu = s.rho * nu + (1 - s.rho) * (g * g);
    const double den = s.eps_inside ? std::sqrt(cv * nu + s.eps) : std::sqrt(cv * nu) + s.eps;
    st[l] = st[l] - (hc * m) / den;
  }
}

std::vector<Settings> kernel_settings() {
  return {{Kind::HeavyBall, 0.05, 0.5},
          {Kind::Adam, 0.01, 0.9, 0.99, 1e-3, 0, true, true},
          {Kind::Adam, 0.01, 0.9, 0.99, 1e-3, 0, false, true},
          {Kind::Adam, 0.02, 0.0, 0.6, 0.1, 0, true, false},
          {Kind::Adam, 0.01, 0.5, 0.5, 1e-8, 0, false, false},
          {Kind::WeightDecay, 0.05, 0, 0, 0, 0.3}};
}

}  // namespace

TEST(LsOptimizerKernel, FollowsTheDocumentedOrderBitForBitOnEveryIsa) {
  for (const auto& [n, d, B] : {std::tuple{8, 3, 2}, std::tuple{64, 16, 4}, std::tuple{12, 17, 3}, std::tuple{5, 9, 1}})
    for (const Settings& s : kernel_settings()) {
      const auto X = kernel_test_draws(static_cast<std::size_t>(n) * d, 1), y = kernel_test_draws(n, 2), th0 = kernel_test_draws(d, 3);
      const auto part = kernel_test_batches(n, B);
      const int m = static_cast<int>(part.size()), count = 3;
      const LsOptimizerKernel k(X, y, d, part, s);
      const int st = k.stride();
      std::vector<double> start(count * st), expect(count * st);
      for (int c = 0; c < count; ++c) k.pack(th0.data(), &start[c * st]);
      expect = start;
      std::vector<int> orders[2] = {std::vector<int>(count * m), std::vector<int>(count * m)};
      for (int e = 0; e < 2; ++e)
        for (int c = 0; c < count; ++c) {
          random_order(m, 7 + e, c, &orders[e][c * m]);
          for (int t = 0; t < m; ++t) optimizer_reference_step(X, y, d, part[orders[e][c * m + t]], s, &expect[c * st]);
        }
      int tested = 0;
      for (Isa isa : {Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
        if (!isa_supported(isa)) continue;
        ++tested;
        AlignedVector<double> state(start.begin(), start.end());
        for (int e = 0; e < 2; ++e) k.epochs(orders[e].data(), state.data(), count, isa);
        EXPECT_EQ(0, std::memcmp(state.data(), expect.data(), expect.size() * sizeof(double)))
            << isa_name(isa) << " n=" << n << " d=" << d << " B=" << B << " kind=" << static_cast<int>(s.kind);
      }
      EXPECT_GE(tested, 1);
    }
}

TEST(LsOptimizerKernel, AgreesWithTheGenericSteppers) {
  const int n = 12, d = 5, B = 3;
  const auto X = kernel_test_draws(n * d, 4), y = kernel_test_draws(n, 5), th0 = kernel_test_draws(d, 6);
  const auto part = kernel_test_batches(n, B);
  const int m = static_cast<int>(part.size());
  const LeastSquares<double> ls(Eigen::Map<const Eigen::Matrix<double, -1, -1, Eigen::RowMajor>>(X.data(), n, d),
                                Eigen::Map<const Vec<double>>(y.data(), n));
  const Vec<double> theta0 = Eigen::Map<const Vec<double>>(th0.data(), d);
  std::vector<int> order(m);
  random_order(m, 3, 0, order.data());
  for (const Settings& s : kernel_settings()) {
    const LsOptimizerKernel k(X, y, d, part, s);
    AlignedVector<double> state(k.stride());
    k.pack(th0.data(), state.data());
    k.epochs(order.data(), state.data(), 1, best_isa());
    Vec<double> got(d);
    k.unpack(state.data(), got.data());
    OptimizerSteps<double> step(ls, s);
    Vec<double> x = step.start(theta0);
    for (int t = 0; t < m; ++t) step(x, Batch(part[order[t]].begin(), part[order[t]].end()));
    EXPECT_LE((got - x.head(d)).norm(), 64 * m * std::numeric_limits<double>::epsilon() * (1 + theta0.norm()))
        << static_cast<int>(s.kind);
  }
}

TEST(LsOptimizerKernel, LayoutAndRefusals) {
  const std::vector<double> X(12, 1.0), y(4, 0.0);
  const Settings hb{Kind::HeavyBall, 0.1, 0.5}, adam{Kind::Adam, 0.1, 0.9, 0.99, 1e-8}, wd{Kind::WeightDecay, 0.1, 0, 0, 0, 2};
  const LsOptimizerKernel k(X, y, 3, {{0, 1}, {2, 3}}, adam);
  EXPECT_EQ(k.stride(), 32);
  EXPECT_EQ(LsOptimizerKernel(X, y, 3, {{0, 1}, {2, 3}}, hb).stride(), 16);
  EXPECT_EQ(LsOptimizerKernel(X, y, 3, {{0, 1}, {2, 3}}, wd).stride(), 8);
  const double theta[3] = {1, -2, 3};
  std::vector<double> state(32, 7.0);
  k.pack(theta, state.data());
  std::vector<double> want(32, 0.0);
  want[0] = 1, want[1] = -2, want[2] = 3, want[24] = want[25] = 1;  // powers beta^0 = rho^0 = 1
  EXPECT_EQ(state, want);
  for (Settings bad : {hb, adam, wd}) {
    bad.h = 0;
    EXPECT_THROW(LsOptimizerKernel(X, y, 3, {{0, 1}}, bad), std::invalid_argument);
  }
  Settings b1 = hb;
  b1.beta = 1;
  EXPECT_THROW(LsOptimizerKernel(X, y, 3, {{0, 1}}, b1), std::invalid_argument);
  Settings e0 = adam;
  e0.eps = 0;
  EXPECT_THROW(LsOptimizerKernel(X, y, 3, {{0, 1}}, e0), std::invalid_argument);
  Settings big = wd;
  big.lambda = 5;  // 2 h lambda = 1: no decay factor left
  EXPECT_THROW(LsOptimizerKernel(X, y, 3, {{0, 1}}, big), std::invalid_argument);
  EXPECT_THROW(LsOptimizerKernel(X, y, 3, {{0, 1}}, Settings{Kind::Sgd, 0.1}), std::invalid_argument);
}
