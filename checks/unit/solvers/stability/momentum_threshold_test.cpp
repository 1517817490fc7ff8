// solvers/stability/momentum_threshold.hpp: at beta = 0 the doubled state's threshold is STAB-2's eta*; with B = N
// without replacement (GD, no noise) it is heavy ball's 2(1+beta)/lambda_max; T maps a PSD matrix to a PSD one; the
// Monte Carlo growth matches the exact tr T^t(I) and is the same for any thread count.
#include "solvers/stability/momentum_threshold.hpp"

#include "solvers/stability/interpolating_minimum.hpp"
#include "solvers/stability/sgd_threshold.hpp"
#include "solvers/stats/confidence.hpp"
#include "theory/linalg/decompositions.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
InterpolatingMinimum<quad> momentum_minimum() { return InterpolatingMinimum<quad>(generate_problem("diag-uv", 1, {4, 6, 0})); }
constexpr double kMomentumWidth = 1.0 / (1 << 30);
}  // namespace

TEST(MomentumThreshold, BetaZeroIsStab2sThreshold) {
  const InterpolatingMinimum<quad> m = momentum_minimum();
  const StabilityOperators<quad> ops(m.inst);
  for (const BatchScheme bs : {BatchScheme{1, BatchSampling::WithReplacement}, BatchScheme{2, BatchSampling::WithoutReplacement}}) {
    const auto t = momentum_ms_threshold<quad>(ops, m.inst.lambda, batch_coefficients<quad>(m.inst.N, bs.B, bs.sampling),
                                               quad(0), quad(kMomentumWidth));
    const double want = to_double(eta_star_structured<quad>(m.inst, bs.B, bs.sampling));
    EXPECT_GE(want, to_double(t.lo) * (1 - 1e-25));
    EXPECT_LE(want, to_double(t.hi) * (1 + 1e-25));
  }
}

TEST(MomentumThreshold, FullBatchIsTheDeterministicInterval) {
  const InterpolatingMinimum<quad> m = momentum_minimum();
  const StabilityOperators<quad> ops(m.inst);
  const quad beta = quad(1) / 2;
  const auto t = momentum_ms_threshold<quad>(ops, m.inst.lambda, batch_coefficients<quad>(m.inst.N, m.inst.N, BatchSampling::WithoutReplacement),
                                             beta, quad(kMomentumWidth));
  const double det = to_double(quad(2 * (1 + beta) / m.inst.lambda_max()));
  EXPECT_NEAR(to_double(t.hi) / det, 1.0, 2 * kMomentumWidth);
}

TEST(MomentumThreshold, TheMapKeepsPositiveMatricesPositive) {
  const InterpolatingMinimum<quad> m = momentum_minimum();
  const StabilityOperators<quad> ops(m.inst);
  const int r = m.inst.rank();
  const SymBasis big{2 * r};
  const Mat<quad> T = momentum_moment_operator<quad>(ops, m.inst.lambda, batch_coefficients<quad>(m.inst.N, 1, BatchSampling::WithReplacement),
                                                     quad(1) / m.inst.lambda_max(), quad(3) / 10);
  const Mat<quad> image = big.smat(Vec<quad>(T * big.svec(Mat<quad>(Mat<quad>::Identity(2 * r, 2 * r)))));
  EXPECT_GE(to_double(sym_eigen<quad>(image, false).values(0)), -1e-30);
}

TEST(MomentumThreshold, MonteCarloMatchesTheExactSecondMomentsForAnyThreadCount) {
  const InterpolatingMinimum<quad> m = momentum_minimum();
  const StabilityOperators<quad> ops(m.inst);
  const quad beta = quad(1) / 2, eta = quad(1) / (2 * m.inst.lambda_max());
  const auto c = batch_coefficients<quad>(m.inst.N, 1, BatchSampling::WithReplacement);
  const double exact = to_double(momentum_predicted_rate<quad>(momentum_moment_operator<quad>(ops, m.inst.lambda, c, eta, beta),
                                                               m.inst.rank(), 4));
  RunControl one;
  one.seed = 5, one.samples = 1 << 14, one.threads = 1;
  RunControl three = one;
  three.threads = 3;
  const Mat<double> W = to_doubles(m.inst.W);
  const GrowthEstimate a = momentum_mc_growth(W, 1, BatchSampling::WithReplacement, to_double(eta), 0.5, {one, 4});
  const GrowthEstimate b = momentum_mc_growth(W, 1, BatchSampling::WithReplacement, to_double(eta), 0.5, {three, 4});
  EXPECT_EQ(a.log_rate, b.log_rate);
  EXPECT_LE(std::abs(a.log_rate - exact), kZ999 * a.stderr_) << a.log_rate << " vs " << exact;
}
