// SGD with weight decay (solvers/rank/weight_decay_sgd.hpp), block_map and the rank measurements (solvers/rank/low_rank.hpp,
// theory/linalg singular_values).
#include "solvers/parallel/block_map.hpp"
#include "solvers/rank/low_rank.hpp"
#include "solvers/rank/weight_decay_sgd.hpp"
#include "theory/linalg/decompositions.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/scalar.hpp"

#include <Eigen/QR>
#include <gtest/gtest.h>

using namespace irverify;

TEST(WeightDecaySgd, RunsAreBitIdenticalForAnyThreadCount) {
  const Problem<double> pr = build_problem<double>(generate_problem("relu2", 3, {12, 5, 6, 4}));
  const WeightDecay<double> wd{0.05, 0.1, 3, BatchSampling::WithoutReplacement};
  const auto runs = [&](int threads) {
    return block_map<Vec<double>>({{1, 24, threads}, 5}, [&](long r) { return weight_decay_run<double>(*pr.model, wd, pr.theta0, 200, 77, r); });
  };
  const auto a = runs(1), b = runs(2), c = runs(3);
  ASSERT_EQ(a.size(), 24u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(a[i] == b[i] && a[i] == c[i]) << "run " << i;
    if (i > 0) {
      EXPECT_FALSE(a[i] == a[i - 1]);  // distinct streams
    }
  }
}

TEST(WeightDecaySgd, FullBatchIsGdOnTheDecayedLoss) {
  const Problem<mp50> pr = build_problem<mp50>(generate_problem("linear2", 4, {6, 3, 4, 2}));
  const mp50 mu = parse_scalar<mp50>("0.1"), lam = parse_scalar<mp50>("0.3");
  WeightDecayStep<mp50> step(*pr.model, {mu, lam, 6, BatchSampling::WithoutReplacement}, 1, 0);
  Vec<mp50> x = pr.theta0;
  step(x);
  const Vec<mp50> expect = (1 - 2 * mu * lam) * pr.theta0 - mu * pr.model->gradient(pr.theta0, pr.model->all_examples());
  EXPECT_LE(mp50((x - expect).norm()), 16 * eps<mp50>() * mp50(expect.norm()));
}

TEST(WeightDecaySgd, RefusesBadSettings) {
  const Problem<double> pr = build_problem<double>(generate_problem("linear2", 4, {6, 3, 4, 2}));
  EXPECT_THROW(WeightDecayStep<double>(*pr.model, {0.0, 0.1, 1, BatchSampling::WithoutReplacement}, 1, 0), std::invalid_argument);
  EXPECT_THROW(WeightDecayStep<double>(*pr.model, {1.0, 0.5, 1, BatchSampling::WithoutReplacement}, 1, 0), std::invalid_argument);
  EXPECT_THROW(WeightDecayStep<double>(*pr.model, {0.1, -0.1, 1, BatchSampling::WithoutReplacement}, 1, 0), std::invalid_argument);
  EXPECT_THROW(WeightDecayStep<double>(*pr.model, {0.1, 0.1, 7, BatchSampling::WithoutReplacement}, 1, 0), std::invalid_argument);
}

TEST(LowRank, SingularValuesToHighRelativeAccuracyInMp50) {
  // A = Q1 diag(s) Q2' with s down to 1e-45 s_1 (orthogonal factors from Householder QR): the Jacobi SVD recovers
  // even the smallest to a few eps relative; the Gram matrix's eigenvalues could not (sqrt(eps) s_1 = 1e-25).
  const int n = 5;
  Mat<mp50> R1(n, n), R2(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) R1(i, j) = mp50(std::sin(i + 2.0 * j + 1)), R2(i, j) = mp50(std::cos(3.0 * i + j));
  const Mat<mp50> Q1 = Eigen::HouseholderQR<Mat<mp50>>(R1).householderQ(), Q2 = Eigen::HouseholderQR<Mat<mp50>>(R2).householderQ();
  Vec<mp50> s(n);
  s << mp50(3), mp50(1), parse_scalar<mp50>("1e-10"), parse_scalar<mp50>("1e-30"), parse_scalar<mp50>("1e-45");
  const Vec<mp50> got = singular_values<mp50>(Mat<mp50>(Q1 * s.asDiagonal() * Q2.transpose()));
  for (int k = 0; k < n; ++k) {
    using std::abs;
    // Each singular value to ~ eps s_1 absolutely (backward stable); the small ones well above their size's noise.
    EXPECT_LE(mp50(abs(got(k) - s(k))), 64 * eps<mp50>() * s(0)) << k;
  }
  EXPECT_EQ(numerical_rank<mp50>(got, parse_scalar<mp50>("1e-40")), 4);
  EXPECT_EQ(numerical_rank<mp50>(got, parse_scalar<mp50>("1e-20")), 3);
}

TEST(LowRank, TailNormAndEpsilonRank) {
  Vec<double> s(4);
  s << 4, 2, 1, 0.5;  // |W|_F^2 = 21.25
  EXPECT_DOUBLE_EQ(tail_norm<double>(s, 0), std::sqrt(21.25));
  EXPECT_DOUBLE_EQ(tail_norm<double>(s, 2), std::sqrt(1.25));
  EXPECT_EQ(tail_norm<double>(s, 4), 0.0);
  EXPECT_EQ(epsilon_rank<double>(s, 0.5), 1);   // tail(1) = sqrt(5.25) = 2.29 <= 0.5 * 4.61
  EXPECT_EQ(epsilon_rank<double>(s, 0.2), 3);   // tail(2) = 1.118 > 0.922; tail(3) = 0.5 <= 0.922
  EXPECT_EQ(epsilon_rank<double>(s, 0.0), 4);
  EXPECT_EQ(epsilon_rank<double>(Vec<double>::Zero(3), 0.1), 0);
  EXPECT_EQ(numerical_rank<double>(s, 0.2), 3);
  // A layer decayed to 1e-200: its squares underflow in double, its ranks do not change.
  const Vec<double> tiny = s * 1e-200;
  EXPECT_NEAR(tail_norm<double>(tiny, 2) / 1e-200, std::sqrt(1.25), 1e-14);
  EXPECT_EQ(epsilon_rank<double>(tiny, 0.2), 3);
}
