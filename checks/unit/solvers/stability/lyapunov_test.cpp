// solvers/stability/lyapunov.hpp: the Lyapunov exponent of linearized SGD is reproducible across threads and negative at
// eta*, with the burn-in removing the isotropic start's bias; on rank one the Monte Carlo meets the exact exponent
// (1/2) log|(1 - eta)(1 - 3 eta)|, which lyapunov_exact gives in every scalar; bad options and rank above one are
// refused.
#include "solvers/stability/lyapunov.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "checks/unit/solvers/stability/stability_checks.hpp"
#include "solvers/stability/sgd_threshold.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Lyapunov, ReproducibleAcrossThreadsAndUnbiasedAfterBurnIn) {
  const InterpolatingMinimum<double> st = stab_minimum<double>("diag-uv");
  const double eta = eta_star_structured<double>(st.inst, 1, BatchSampling::WithReplacement);
  LyapunovOptions o;
  o.run.samples = 64;
  o.burn_in = 2000;
  o.window = 4000;
  const LyapunovEstimate one = lyapunov_exponent(st.inst, 1, BatchSampling::WithReplacement, eta, o);
  o.run.threads = 2;
  const LyapunovEstimate two = lyapunov_exponent(st.inst, 1, BatchSampling::WithReplacement, eta, o);
  EXPECT_EQ(one.lambda, two.lambda);
  EXPECT_EQ(one.bias_half, two.bias_half);
  EXPECT_LT(one.lambda + 3.29 * one.stderr_, 0);  // Jensen: Lambda(eta*) <= 0, strictly here
  // Without burn-in the isotropic start biases the estimate downwards (c_0 < 0); after it, the excess is far smaller.
  EXPECT_LT(std::abs(one.bias_half), std::abs(one.bias_none));
  ASSERT_EQ(one.horizons.size(), 4u);
  EXPECT_EQ(one.horizons.back(), o.window);
}

TEST(Lyapunov, RankOneMonteCarloAgreesWithTheExactExponent) {
  // h in {1, 3}: Lambda(eta) = (1/2) log|(1 - eta)(1 - 3 eta)|.
  const StabilityInstance<double> in = stability_instance<double>(Mat<double>((Mat<double>(2, 1) << 1, std::sqrt(3.0)).finished()));
  for (double eta : {0.5, 1.2, 1.5}) {
    const double exact = 0.5 * std::log(std::abs((1 - eta) * (1 - 3 * eta)));
    EXPECT_NEAR(lyapunov_exact<double>(in, 1, BatchSampling::WithReplacement, eta), exact, 1e-14);
    LyapunovOptions o;
    o.run.samples = 32;
    o.burn_in = 100;
    o.window = 4000;
    const LyapunovEstimate e = lyapunov_exponent(in, 1, BatchSampling::WithReplacement, eta, o);
    EXPECT_LE(std::abs(e.lambda - exact), 3.29 * e.stderr_) << "eta = " << eta;
  }
}

template <class S> class LyapunovInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(LyapunovInEveryScalar, ScalarTypes);

// Rank one, h in {1, 3}: with replacement B = 2 averages two draws, h_xi in {1, 2, 3} with probabilities 1/4, 1/2,
// 1/4; without replacement the one batch is both examples (h_xi = 2, GD).
TYPED_TEST(LyapunovInEveryScalar, ExactExponentByEnumeration) {
  using S = TypeParam;
  using std::abs;
  using std::log;
  using std::sqrt;
  const StabilityInstance<S> in = stability_instance<S>(Mat<S>((Mat<S>(2, 1) << S(1), sqrt(S(3))).finished()));
  const S eta = S(3) / 10;
  const S one = log(S(abs(S((1 - eta) * (1 - 3 * eta))))) / 2;
  const S two = (log(S(abs(S(1 - eta)))) + 2 * log(S(abs(S(1 - 2 * eta)))) + log(S(abs(S(1 - 3 * eta))))) / 4;
  const S gd = log(S(abs(S(1 - 2 * eta))));
  EXPECT_SCALAR_NEAR(lyapunov_exact<S>(in, 1, BatchSampling::WithReplacement, eta), one, tol::ulps<S>(256), tol::ulps<S>(256));
  EXPECT_SCALAR_NEAR(lyapunov_exact<S>(in, 2, BatchSampling::WithReplacement, eta), two, tol::ulps<S>(256), tol::ulps<S>(256));
  EXPECT_SCALAR_NEAR(lyapunov_exact<S>(in, 2, BatchSampling::WithoutReplacement, eta), gd, tol::ulps<S>(256), tol::ulps<S>(256));
  Mat<S> V2 = Mat<S>::Identity(2, 2);
  EXPECT_THROW(lyapunov_exact<S>(stability_instance<S>(V2), 1, BatchSampling::WithReplacement, eta), std::invalid_argument);
}

TEST(Lyapunov, BadOptionsAreRefused) {
  const StabilityInstance<double> in = stability_instance<double>(Mat<double>((Mat<double>(2, 1) << 1, std::sqrt(3.0)).finished()));
  LyapunovOptions o;
  o.run.samples = 1;
  EXPECT_THROW(lyapunov_exponent(in, 1, BatchSampling::WithReplacement, 0.5, o), std::invalid_argument);
}
