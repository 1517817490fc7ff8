// solvers/stats/moment_sums.hpp in every scalar: sums and sums of squares give the mean and its standard error
// sd / sqrt(n); vectors added at an offset fill their coordinates; accumulators add; a variance lost to rounding is
// 0. double crosses processes as its bytes (exactly); mp50, not trivially copyable, does not.
#include "solvers/stats/moment_sums.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class MomentSumsInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(MomentSumsInEveryScalar, ScalarTypes);

TYPED_TEST(MomentSumsInEveryScalar, MeanStandardErrorOffsetsAndSums) {
  using S = TypeParam;
  using std::abs;
  using std::sqrt;
  MomentSums<S> a(3), b(3);
  // Coordinate 0: 1, 2, 3, 4 (sd^2 = 5/3); coordinate 1: 2 each time; coordinate 2: only the offset adds reach it.
  for (int k = 1; k <= 2; ++k) a.add((Vec<S>(2) << S(k), S(2)).finished());
  for (int k = 3; k <= 4; ++k) b.add((Vec<S>(2) << S(k), S(2)).finished());
  for (int k = 0; k < 4; ++k) (k < 2 ? a : b).add(2, Vec<S>::Constant(1, S(k)));
  a += b;
  const Vec<S> mean = a.mean(4), se = a.std_error(4);
  EXPECT_EQ(mean(0), S(5) / 2);
  EXPECT_EQ(mean(1), S(2));
  EXPECT_EQ(mean(2), S(3) / 2);
  EXPECT_SCALAR_NEAR(S(se(0)), S(sqrt(S(5) / 12)), tol::ulps<S>(8), S(0));
  EXPECT_EQ(se(1), S(0));  // no spread
  EXPECT_EQ(a.sum(2), S(6));
  EXPECT_EQ(a.sumsq(2), S(14));
  EXPECT_EQ(MomentSums<S>().sum.size(), 0);
}

TEST(MomentSums, DoublesCrossProcessesAsTheirBytes) {
  static_assert(AccBytes<MomentSums<double>>::value);
  static_assert(!AccBytes<MomentSums<mp50>>::value);
  MomentSums<double> m(2);
  m.add((Vec<double>(2) << 1.0 / 3, -2.5e-300).finished());
  std::string bytes = "x";
  AccBytes<MomentSums<double>>::write(m, bytes);
  EXPECT_EQ(bytes.size(), 1 + 4 * sizeof(double));
  const char* in = bytes.data() + 1;
  const MomentSums<double> back = AccBytes<MomentSums<double>>::read(in, MomentSums<double>(2));
  EXPECT_EQ(in, bytes.data() + bytes.size());
  EXPECT_TRUE(back.sum == m.sum && back.sumsq == m.sumsq);
}
