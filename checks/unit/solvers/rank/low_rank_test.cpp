// solvers/rank/low_rank.hpp: rank measurements on singular values (theory/linalg singular_values): the singular values
// of a matrix with a known spectrum to high relative accuracy in mp50, their numerical rank; tail norms (Eckart-Young,
// summed without underflow), epsilon ranks and numerical ranks on known spectra, in every scalar.
#include "solvers/rank/low_rank.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/linalg/decompositions.hpp"

#include <Eigen/QR>
#include <gtest/gtest.h>

using namespace irverify;

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
    EXPECT_LE(mp50(abs(got(k) - s(k))), tol::ulps<mp50>(64) * s(0)) << k;
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

template <class S> class LowRankInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(LowRankInEveryScalar, ScalarTypes);

// Eckart-Young: tail(s, r) is the distance from W to its best rank-r approximation (the SVD truncated), here for
// W = Q1 diag(s) Q2' with Q1, Q2 rotations by the 3-4-5 angle.
TYPED_TEST(LowRankInEveryScalar, TailNormIsTheDistanceToTheBestRankRApproximation) {
  using S = TypeParam;
  using std::abs;
  using std::sqrt;
  Vec<S> s(3);
  s << S(5), S(3) / 2, S(1) / 4;
  Mat<S> Q = Mat<S>::Identity(3, 3);
  Q(0, 0) = Q(1, 1) = S(3) / 5;
  Q(0, 1) = S(-4) / 5;
  Q(1, 0) = S(4) / 5;
  Mat<S> P = Mat<S>::Identity(3, 3);
  P(1, 1) = P(2, 2) = S(3) / 5;
  P(1, 2) = S(4) / 5;
  P(2, 1) = S(-4) / 5;
  for (int r = 0; r <= 3; ++r) {
    Vec<S> kept = s;
    for (int k = r; k < 3; ++k) kept(k) = S(0);
    const Mat<S> W = Q * s.asDiagonal() * P.transpose(), A = Q * kept.asDiagonal() * P.transpose();
    EXPECT_SCALAR_NEAR(tail_norm<S>(s, r), S((W - A).norm()), S(0), S(tol::ulps<S>(64) * s(0))) << r;
  }
  EXPECT_EQ(numerical_rank<S>(s, S(1) / 10), 2);
  EXPECT_EQ(epsilon_rank<S>(s, S(1) / 10), 2);  // tail(1) = 1.52 > 0.52 = e |W|_F; tail(2) = 1/4 <= 0.52
  EXPECT_EQ(tail_norm<S>(Vec<S>(Vec<S>::Zero(2)), 0), S(0));
}
