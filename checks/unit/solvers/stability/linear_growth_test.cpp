// solvers/stability/linear_growth.hpp: the Monte Carlo growth of linearized SGD is reproducible across threads and
// agrees with log rho(T); the GD rate is log max |1 - eta lambda_k| on the range of H, in every scalar; batches are
// drawn and enumerated from the right distributions; bad options are refused.
#include "solvers/stability/linear_growth.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "checks/unit/solvers/stability/stability_checks.hpp"
#include "solvers/stability/sgd_threshold.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace irverify;

TEST(LinearGrowth, MonteCarloReproducibleAcrossThreadsAndAgreesWithRho) {
  const InterpolatingMinimum<double> st = stab_minimum<double>("diag-uv");
  const StabilityOperators<double> ops(st.inst);
  const auto coef = batch_coefficients<double>(st.inst.N, 2, BatchSampling::WithReplacement);
  const double eta = 1.02 * eta_star_structured<double>(st.inst, 2, BatchSampling::WithReplacement);
  const TSpectrum<double> ts = t_spectrum<double>(ops, coef, eta, true);
  GrowthOptions o;
  o.run.samples = 1 << 14;
  o.steps = 4;
  o.run.seed = 11;
  const GrowthEstimate one = mc_growth(st.inst.W, 2, BatchSampling::WithReplacement, eta, ts.top_matrix, o);
  o.run.threads = 2;
  const GrowthEstimate two = mc_growth(st.inst.W, 2, BatchSampling::WithReplacement, eta, ts.top_matrix, o);
  EXPECT_EQ(one.log_rate, two.log_rate);
  EXPECT_EQ(one.stderr_, two.stderr_);
  EXPECT_LE(std::abs(one.log_rate - std::log(ts.rho)), 4 * one.stderr_);
  EXPECT_NEAR(ts.top, ts.rho, 1e-12);  // T preserves the PSD cone: its top eigenvalue is its spectral radius
  o.run.samples = 1;
  EXPECT_THROW(mc_growth(st.inst.W, 2, BatchSampling::WithReplacement, eta, ts.top_matrix, o), std::invalid_argument);
}

template <class S> class LinearGrowthInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(LinearGrowthInEveryScalar, ScalarTypes);

// V with orthogonal rows of norms^2 (N lambda_k): H = (1/N) V'V has eigenvalues lambda = (3, 1) on its range and a
// null space; the rate of GD tends to log max_k |1 - eta lambda_k| (here |1 - 3 eta| at eta = 1/2: log(1/2)).
TYPED_TEST(LinearGrowthInEveryScalar, GdRateIsLogRhoOnTheRange) {
  using S = TypeParam;
  using std::abs;
  using std::log;
  using std::sqrt;
  Mat<S> V = Mat<S>::Zero(2, 3);
  V(0, 0) = sqrt(S(6));  // (1/2) 6 = 3
  V(1, 1) = sqrt(S(2));  // (1/2) 2 = 1
  const Vec<S> delta0 = Vec<S>::Ones(3);
  const S rate = gd_linear_rate<S>(V, delta0, S(1) / 2, 200);
  // The slow mode (|1 - eta| = 1/2) and the fast one (|1 - 3 eta| = 1/2) decay alike here: the rate is log(1/2).
  EXPECT_SCALAR_NEAR(rate, S(log(S(1) / 2)), tol::ulps<S>(1 << 12), S(0));
  const S slow = gd_linear_rate<S>(V, delta0, S(1) / 4, 400);  // max(3/4, 1/4): log(3/4), reached once 1/4 has decayed
  EXPECT_SCALAR_NEAR(slow, S(log(S(3) / 4)), S(1) / 1000000, S(0));
  EXPECT_THROW(gd_linear_rate<S>(V, delta0, S(1), 1), std::invalid_argument);
  // Rank 1 at eta = 1/lambda: one step annihilates the range: the rate is -inf where the step is exactly 0, else
  // that of a rounding error (never NaN). With v = 2: H = 4 e1 e1', eta = 1/4, exact in every precision.
  Mat<S> v = Mat<S>::Zero(1, 3);
  v(0, 0) = S(2);
  EXPECT_EQ(gd_linear_rate<S>(v, delta0, S(1) / 4, 64), -std::numeric_limits<S>::infinity());
  v(0, 0) = sqrt(S(6));  // 1 - (1/6) 6 rounds to about eps
  EXPECT_LE(gd_linear_rate<S>(v, delta0, S(1) / 6, 64), S(log(S(64 * std::numeric_limits<S>::epsilon()))));
}

TEST(LinearGrowth, BatchesAreDrawnAndEnumeratedFromTheirLaws) {
  std::set<std::vector<int>> with, without;
  for_each_batch(4, 2, BatchSampling::WithReplacement, [&](const std::vector<int>& b) { with.insert(b); });
  for_each_batch(4, 2, BatchSampling::WithoutReplacement, [&](const std::vector<int>& b) {
    EXPECT_LT(b[0], b[1]);
    without.insert(b);
  });
  EXPECT_EQ(with.size(), 16u);    // N^B ordered pairs
  EXPECT_EQ(without.size(), 6u);  // C(4, 2)
  long count = 0;
  for_each_batch(5, 5, BatchSampling::WithoutReplacement, [&](const std::vector<int>&) { ++count; });
  EXPECT_EQ(count, 1);
  CounterStream rng(3, 0, kStabilityDomain);
  std::vector<int> perm(6), batch(4);
  std::vector<long> hits(6, 0);
  for (int k = 0; k < 6000; ++k) {
    draw_batch(rng, 6, BatchSampling::WithoutReplacement, perm, batch);
    EXPECT_EQ(std::set<int>(batch.begin(), batch.end()).size(), 4u);
    for (int i : batch) ++hits[i];
  }
  for (long h : hits) EXPECT_NEAR(h / 6000.0, 4.0 / 6, 0.05);  // each example in a batch with probability B/N
  draw_batch(rng, 6, BatchSampling::WithReplacement, perm, batch);
  for (int i : batch) EXPECT_TRUE(i >= 0 && i < 6);
}
