// SGD-1 (CLAIMS.md): the exact epoch mean (prefix-shared enumeration, checked against brute force over all m!
// orders) has orders 2 (flow of L) and 3 (flow of L~SGD); single orders spread as eps^2; both controls rejected.
#include "checks/sgd/sgd1_exact_mean.hpp"
#include "checks/sgd/sgd_setup.hpp"
#include "checks/framework/test_names.hpp"
#include "checks/framework/tolerance.hpp"
#include "solvers/sgd/shuffling.hpp"
#include "theory/losses/sgd_modified_loss.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

using namespace irverify;

TEST(Sgd1ExactMean, PrefixSharingEqualsBruteForceAndCostsAboutEMFactorial) {
  const RunContext ctx = claim_context("SGD-1");
  const SgdSetup<mp50> st(ctx, generate_problem("diag-uv", 1));
  const mp50 eps = st.eps0;
  const EpochMean<mp50> e = exact_epoch_mean(st.model(), st.part, st.theta0(), eps);
  std::vector<int> pi(st.batches());
  std::iota(pi.begin(), pi.end(), 0);
  Vec<mp50> sum = Vec<mp50>::Zero(st.model().dim());
  long n = 0;
  do {
    sum += sgd_epoch(st.model(), st.part, pi, st.theta0(), eps);
    ++n;
  } while (std::next_permutation(pi.begin(), pi.end()));
  EXPECT_EQ(e.orders, n);
  EXPECT_LE(mp50((e.mean - sum / mp50(n)).norm()), tol::ulps<mp50>(64 * st.batches()));
  // sum_{k=1..m} m!/(m-k)! steps: 325 for m = 5.
  EXPECT_EQ(e.batch_steps, 325);
}

TEST(Sgd1ModifiedLoss, TapedFieldAndClosedFormGradientAgree) {
  const RunContext ctx = claim_context("SGD-1");
  const SgdSetup<mp50> st(ctx, generate_problem("two-layer-tanh", 1));
  const mp50 eps = mp50(1) / 64, c = mp50(1) / 4;
  const Vec<mp50>& x = st.theta0();
  const Vec<mp50> closed = sgd_modified_gradient(st.model(), st.part, x, eps, c);
  EXPECT_LE(mp50((evaluate(sgd_modified_field(st.model(), st.part, eps, c), x) + closed).norm()),
            tol::ulps<mp50>(64 * x.size() * x.size()));
  // The gradient of L~SGD by central differences of the loss.
  const mp50 h = tol::central_step<mp50>();
  for (int i = 0; i < x.size(); ++i) {
    Vec<mp50> a = x, b = x;
    a(i) += h;
    b(i) -= h;
    const mp50 fd = (sgd_modified_loss(st.model(), st.part, a, eps, c) - sgd_modified_loss(st.model(), st.part, b, eps, c)) / (2 * h);
    EXPECT_LE(mp50(abs(mp50(fd - closed(i)))), tol::central_difference_bound<mp50>()) << i;
  }
}

TEST(Sgd1RandomOrder, IsAPermutationAndDeterministic) {
  for (std::uint64_t s = 0; s < 50; ++s) {
    std::vector<int> pi = random_order(7, 3, s), sorted = pi;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < 7; ++i) EXPECT_EQ(sorted[i], i);
    EXPECT_EQ(pi, random_order(7, 3, s));
  }
  EXPECT_NE(random_order(8, 3, 0), random_order(8, 4, 0));
}

class Sgd1ExactMeanOrder : public ::testing::TestWithParam<std::string> {};

TEST_P(Sgd1ExactMeanOrder, OrdersTwoAndThreeSpreadTwoControlsRejected) {
  const Case c = sgd_exact_mean_case<mp50>(claim_context("SGD-1"), generate_problem(GetParam(), 1), 9);
  for (const auto& s : c.series) {
    ASSERT_TRUE(s.fit.ok) << s.name << ": " << s.fit.note;
    if (s.role == Role::claim) EXPECT_TRUE(s.order_holds) << s.name << ": " << s.fit.slope;
    else EXPECT_NEAR(s.fit.slope, 2.0, kOrderTolerance) << s.name;  // controls: order 2, not 3
  }
  EXPECT_TRUE(c.pass);
}

INSTANTIATE_TEST_SUITE_P(Models, Sgd1ExactMeanOrder, ::testing::Values("least-squares", "diag-uv", "two-layer-tanh"),
                         ModelName());

TEST(Sgd1SetupInput, RejectsBadPartitions) {
  ProblemSpec s = generate_problem("least-squares", 1);
  s.partition = {{0, 1, 2}, {3, 4}, {5, 6, 7}};
  const RunContext ctx = claim_context("SGD-1");
  EXPECT_THROW((SgdSetup<double>{ctx, s}), ProblemError);  // unequal batches
  s.partition = {{0, 1, 2, 3, 4, 5, 6, 7}};
  EXPECT_THROW((SgdSetup<double>{ctx, s}), ProblemError);  // m = 1
  EXPECT_THROW((SgdSetup<double>{ctx, generate_problem("two-layer-relu", 1)}), ProblemError);
}
