// solvers/sgd/shuffling.hpp in every scalar: an epoch visits the batches in the given order; the exact epoch mean with
// prefix sharing equals the plain mean over all m! orders in sum_k m!/(m-k)! batch steps; the first-order mean as
// written; in mp50 the mean is theta0 - m eps g + eps^2 C2 + O(eps^3) (theory/losses/sgd_modified_loss.hpp's C2,
// the residual falling 8-fold when eps halves); random orders are uniform permutations, reproducible; m > 10 refused.
#include "solvers/sgd/shuffling.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/losses/sgd_modified_loss.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>

using namespace irverify;

template <class S> class ShufflingInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ShufflingInEveryScalar, ScalarTypes);

TYPED_TEST(ShufflingInEveryScalar, ExactMeanIsTheMeanOverEveryOrder) {
  using S = TypeParam;
  using std::abs;
  using std::sqrt;
  const Problem<S> pr = build_problem<S>(generate_problem("two-layer-tanh", 3, {8, 2, 3}));
  const Model<S>& m = *pr.model;
  const Partition p = {{0, 1}, {2, 3}, {4, 5}, {6, 7}};
  const S eps = S(1) / 8;
  std::vector<int> order(4);
  std::iota(order.begin(), order.end(), 0);
  Vec<S> sum = Vec<S>::Zero(m.dim());
  std::vector<Vec<S>> ends;
  do {
    ends.push_back(sgd_epoch<S>(m, p, order, pr.theta0, eps));
    sum += ends.back();
  } while (std::next_permutation(order.begin(), order.end()));
  const Vec<S> mean = sum / S(24);
  S var(0);
  for (const Vec<S>& e : ends) var += (e - mean).squaredNorm();
  const EpochMean<S> ex = exact_epoch_mean<S>(m, p, pr.theta0, eps);
  EXPECT_EQ(ex.orders, 24);
  EXPECT_EQ(ex.batch_steps, 4 + 12 + 24 + 24);  // sum_k m! / (m - k)!
  EXPECT_LE(S((ex.mean - mean).norm()), tol::ulps<S>(256) * S(mean.norm()));
  EXPECT_SCALAR_NEAR(ex.spread, S(sqrt(S(var / 24))), S(0), S(tol::ulps<S>(1 << 16) * S(mean.norm())));
  // The first-order mean theta0 - eps sum_k g_k.
  Vec<S> g = Vec<S>::Zero(m.dim());
  for (const Batch& b : p) g += m.gradient(pr.theta0, b);
  EXPECT_EQ(first_order_mean<S>(m, p, pr.theta0, eps), Vec<S>(pr.theta0 - eps * g));
  EXPECT_THROW(exact_epoch_mean<S>(m, Partition(11, Batch{0}), pr.theta0, eps), std::invalid_argument);
  EXPECT_THROW(exact_epoch_mean<S>(m, Partition{}, pr.theta0, eps), std::invalid_argument);
}

TEST(Shuffling, SecondOrderCoefficientOfTheEpochMean) {
  using S = mp50;
  const Problem<S> pr = build_problem<S>(generate_problem("two-layer-tanh", 3, {6, 2, 3}));
  const Model<S>& m = *pr.model;
  const Partition p = {{0, 1}, {2, 3}, {4, 5}};
  const Vec<S> C2 = sgd_second_order_coefficient<S>(m, p, pr.theta0);
  const Vec<S> g = m.gradient(pr.theta0, m.all_examples());
  const auto residual = [&](const S& eps) {
    const Vec<S> mean = exact_epoch_mean<S>(m, p, pr.theta0, eps).mean;
    return S((mean - (pr.theta0 - 3 * eps * g + eps * eps * C2)).norm());
  };
  const S r1 = residual(S(1) / 64), r2 = residual(S(1) / 128);
  EXPECT_NEAR(to_double(S(r1 / r2)), 8.0, 0.5);  // O(eps^3)
  EXPECT_LT(to_double(r1), to_double(S(C2.norm() / (64 * 64) / 8)));  // well below the eps^2 term
}

TEST(Shuffling, RandomOrdersAreUniformReproduciblePermutations) {
  std::map<std::vector<int>, long> count;
  for (long s = 0; s < 24000; ++s) {
    const std::vector<int> pi = random_order(4, 5, s);
    std::vector<int> sorted = pi;
    std::sort(sorted.begin(), sorted.end());
    ASSERT_EQ(sorted, std::vector<int>({0, 1, 2, 3}));
    ++count[pi];
  }
  ASSERT_EQ(count.size(), 24u);
  double chi2 = 0;
  for (const auto& [pi, c] : count) chi2 += (c - 1000.0) * (c - 1000.0) / 1000.0;
  EXPECT_LT(chi2, boost::math::quantile(boost::math::chi_squared(23), 0.999));
  int into[6];
  random_order(6, 5, 77, into);
  EXPECT_EQ(std::vector<int>(into, into + 6), random_order(6, 5, 77));
  EXPECT_NE(random_order(6, 5, 77), random_order(6, 6, 77));
  EXPECT_THROW(random_order(6, 5, std::uint64_t{1} << 32), std::invalid_argument);
}
