// solvers/sgd/monte_carlo.hpp: the Monte Carlo epoch mean in every scalar (the generic Model path) meets the exact mean
// within its standard errors, plain and antithetic; the result is the same bits for any thread count, in every
// sampling scheme; the antithetic pair mean is within O(eps^3) of the exact mean (a single order: O(eps^2)); epoch
// batches follow their scheme (a shuffle of the partition, a fresh partition, batches drawn with replacement);
// options are checked.
#include "solvers/sgd/monte_carlo.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"
#include "solvers/stats/confidence.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/stability/sharpness.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

using namespace irverify;

template <class S> class MonteCarloInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(MonteCarloInEveryScalar, ScalarTypes);

TYPED_TEST(MonteCarloInEveryScalar, EstimateMeetsTheExactMeanWithinItsErrors) {
  using S = TypeParam;
  using std::abs;
  const Problem<S> pr = build_problem<S>(generate_problem("diag-uv", 2, {6, 2, 0}));
  const Model<S>& m = *pr.model;
  const Partition p = {{0, 1}, {2, 3}, {4, 5}};
  const S eps = S(1) / 4;
  const Vec<S> exact = exact_epoch_mean<S>(m, p, pr.theta0, eps).mean;
  for (const bool anti : {false, true}) {
    McOptions opt{RunControl(3, 256, 2), anti};
    opt.simd = false;
    const McEstimate<S> e = mc_epoch_mean<S>(m, p, pr.theta0, eps, opt);
    EXPECT_FALSE(e.simd);
    EXPECT_EQ(e.samples, 256);
    EXPECT_EQ(e.batch_steps, 256 * 3 * (anti ? 2 : 1));
    for (int i = 0; i < m.dim(); ++i)
      EXPECT_LE(S(abs(S(e.mean(i) - exact(i)))), S(bonferroni_z999(m.dim())) * e.std_error(i) + tol::ulps<S>(64)) << i << anti;
    opt.run.threads = 1;
    const McEstimate<S> one = mc_epoch_mean<S>(m, p, pr.theta0, eps, opt);
    EXPECT_TRUE(one.mean == e.mean && one.std_error == e.std_error);
  }
}

namespace {
// A generated problem in the SGD claims' default batches (consecutive pairs of examples if N is even, else single
// examples) and their largest step: a power of two below 1/(4 m max(1, lambda_max(H), max_k lambda_max(H_k))).
template <class S> struct BatchedProblem {
  Problem<S> pr;
  Partition part;
  S eps = 1;
  explicit BatchedProblem(const char* kind) : pr(build_problem<S>(generate_problem(kind, 1))) {
    const int n = pr.model->num_examples(), b = n % 2 == 0 ? 2 : 1;
    for (int i = 0; i < n; i += b) part.push_back(b == 2 ? Batch{i, i + 1} : Batch{i});
    S lam = std::max(S(1), spectral_radius<S>(pr.model->hessian(pr.theta0, pr.model->all_examples())));
    for (const Batch& b : part) lam = std::max(lam, spectral_radius<S>(pr.model->hessian(pr.theta0, b)));
    const S bound = 1 / (4 * S(static_cast<int>(part.size())) * lam);
    while (eps > bound) eps /= 2;
  }
};
}  // namespace

TEST(MonteCarlo, BitIdenticalForOneAndTwoThreadsInEverySamplingScheme) {
  const BatchedProblem<double> p("least-squares");
  for (const Sampling sm : {Sampling::Shuffle, Sampling::Repartition, Sampling::WithReplacement})
    for (const bool anti : {false, true}) {
      McOptions o1{RunControl(7, 1000, 1), anti, sm}, o2 = o1;
      o2.run.threads = 2;
      const McEstimate<double> a = mc_epoch_mean<double>(*p.pr.model, p.part, p.pr.theta0, p.eps, o1);
      const McEstimate<double> b = mc_epoch_mean<double>(*p.pr.model, p.part, p.pr.theta0, p.eps, o2);
      EXPECT_TRUE(a.mean == b.mean && a.std_error == b.std_error) << static_cast<int>(sm) << anti;  // bitwise
    }
}

TEST(MonteCarlo, AntitheticPairIsExactToThirdOrder) {
  // Two samples against the exact mean in quad: the antithetic estimate's deviation falls by 8 per halving of eps,
  // the plain estimate's (orders drawn at random) by 4.
  const BatchedProblem<quad> p("diag-uv");
  double prev_a = 0, prev_p = 0;
  quad eps = p.eps;
  for (int k = 0; k < 4; ++k, eps /= 2) {
    const Vec<quad> exact = exact_epoch_mean<quad>(*p.pr.model, p.part, p.pr.theta0, eps).mean;
    const auto dev = [&](bool anti) {
      const McOptions o{RunControl(3, 2, 1), anti};
      return to_double(quad((mc_epoch_mean<quad>(*p.pr.model, p.part, p.pr.theta0, eps, o).mean - exact).norm()));
    };
    const double da = dev(true), dp = dev(false);
    if (k > 0) {
      EXPECT_NEAR(std::log2(prev_a / da), 3.0, 0.3) << k;
      EXPECT_NEAR(std::log2(prev_p / dp), 2.0, 0.3) << k;
    }
    prev_a = da;
    prev_p = dp;
  }
}

TEST(MonteCarlo, EpochBatchesFollowTheirScheme) {
  const Partition p = {{0, 1}, {2, 3}, {4, 5}, {6, 7}};
  const Partition shuffled = epoch_batches(p, 8, Sampling::Shuffle, 4, 9);
  EXPECT_EQ(std::multiset<Batch>(shuffled.begin(), shuffled.end()), std::multiset<Batch>(p.begin(), p.end()));
  const Partition fresh = epoch_batches(p, 8, Sampling::Repartition, 4, 9);
  ASSERT_EQ(fresh.size(), 4u);
  std::vector<int> all;
  for (const Batch& b : fresh) {
    EXPECT_EQ(b.size(), 2u);
    all.insert(all.end(), b.begin(), b.end());
  }
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, std::vector<int>({0, 1, 2, 3, 4, 5, 6, 7}));
  const Partition drawn = epoch_batches(p, 8, Sampling::WithReplacement, 4, 9);
  ASSERT_EQ(drawn.size(), 4u);
  for (const Batch& b : drawn) {
    EXPECT_EQ(b.size(), 2u);
    for (int i : b) EXPECT_TRUE(i >= 0 && i < 8);
  }
  for (std::uint64_t sample = 0; sample < 20; ++sample)  // every scheme, many samples: m batches of B valid indices
    for (const Sampling sm : {Sampling::Shuffle, Sampling::Repartition, Sampling::WithReplacement}) {
      const Partition q = epoch_batches(p, 8, sm, 5, sample);
      ASSERT_EQ(q.size(), 4u);
      for (const Batch& b : q) {
        ASSERT_EQ(b.size(), 2u);
        for (int i : b) EXPECT_TRUE(i >= 0 && i < 8);
      }
    }
  EXPECT_EQ(drawn, epoch_batches(p, 8, Sampling::WithReplacement, 4, 9));
  EXPECT_NE(drawn, epoch_batches(p, 8, Sampling::WithReplacement, 4, 10));
  EXPECT_THROW(epoch_batches(p, 8, Sampling::WithReplacement, 4, std::uint64_t{1} << 32), std::invalid_argument);
}

TEST(MonteCarlo, OptionsAreCheckedAndTheEstimateIsAssembledFromSums) {
  McOptions opt{RunControl(1, 1, 1)};
  EXPECT_THROW(check_mc_options(opt, "x"), std::invalid_argument);
  opt.run.samples = 2;
  opt.run.threads = 0;
  EXPECT_THROW(check_mc_options(opt, "x"), std::invalid_argument);
  opt.run.threads = 1;
  EXPECT_NO_THROW(check_mc_options(opt, "x"));
  // Deviations 1 and 3 from r = 10: mean 12, standard error sd / sqrt(2) = sqrt(2) / sqrt(2) = 1.
  MomentSums<double> sums(1);
  sums.add(Vec<double>::Constant(1, 1.0));
  sums.add(Vec<double>::Constant(1, 3.0));
  const McEstimate<double> e = mc_estimate<double>(sums, Vec<double>::Constant(1, 10.0), 2, 6);
  EXPECT_EQ(e.mean(0), 12.0);
  EXPECT_DOUBLE_EQ(e.std_error(0), 1.0);
  EXPECT_EQ(e.samples, 2);
  EXPECT_EQ(e.batch_steps, 6);
  // mc_mean of an epoch map that ignores its sample: zero spread, the map's value.
  const McEstimate<double> flat = mc_mean<double>([](std::uint64_t, bool, Vec<double>& x) { x *= 2; }, 1,
                                                 Vec<double>::Ones(2), Vec<double>::Zero(2), McOptions{RunControl(1, 100, 2)});
  EXPECT_EQ(flat.mean, Vec<double>::Constant(2, 2.0));
  EXPECT_EQ(flat.std_error, Vec<double>::Zero(2));
}
