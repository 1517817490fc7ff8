// solvers/flow/quadratic_exact_flow.hpp in every scalar: the closed-form flow x' = -m(H) g(x), g = H x - b, starts at
// x0, solves the ODE (central differences in t), is a semigroup (x(s + t) from x0 is x(t) from x(s)) and moves
// linearly along the null space of a singular H.
#include "solvers/flow/quadratic_exact_flow.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class QuadraticExactFlowInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(QuadraticExactFlowInEveryScalar, ScalarTypes);

TYPED_TEST(QuadraticExactFlowInEveryScalar, StartsAtX0SolvesTheOdeAndIsASemigroup) {
  using S = TypeParam;
  using std::abs;
  // H = Q diag(3, 1, 0) Q' (singular), Q a 3-4-5 rotation in the (0, 1) plane; b, x0 fixed.
  Mat<S> Q = Mat<S>::Identity(3, 3);
  Q(0, 0) = Q(1, 1) = S(3) / 5;
  Q(0, 1) = S(-4) / 5;
  Q(1, 0) = S(4) / 5;
  const Mat<S> H = Q * Vec<S>((Vec<S>(3) << S(3), S(1), S(0)).finished()).asDiagonal() * Q.transpose();
  const Vec<S> b = (Vec<S>(3) << S(1), S(-1) / 2, S(1) / 4).finished(), x0 = (Vec<S>(3) << S(1) / 2, S(2), S(-1)).finished();
  const auto g = [&](const Vec<S>& x) { return Vec<S>(H * x - b); };
  for (const std::vector<S>& mult : {std::vector<S>{S(1)}, std::vector<S>{S(1), S(1) / 8}}) {
    const auto flow = [&](const Vec<S>& from, const S& t) { return quadratic_exact_flow<S>(H, g(from), from, t, mult); };
    const Mat<S> mH = mult.size() == 1 ? Mat<S>(Mat<S>::Identity(3, 3)) : Mat<S>(Mat<S>::Identity(3, 3) + mult[1] * H);
    EXPECT_EQ(flow(x0, S(0)), x0);
    const S t = S(1) / 2, h = tol::central_step<S>();
    const Vec<S> dxdt = (flow(x0, S(t + h)) - flow(x0, S(t - h))) / (2 * h);
    const Vec<S> rhs = -mH * g(flow(x0, t));
    EXPECT_LE(S((dxdt - rhs).norm()), tol::central_difference_bound<S>() * std::max(S(1), S(rhs.norm()))) << mult.size();
    const Vec<S> direct = flow(x0, S(3) / 4), composed = flow(flow(x0, S(1) / 4), S(1) / 2);
    EXPECT_LE(S((direct - composed).norm()), tol::ulps<S>(256) * std::max(S(1), S(direct.norm()))) << mult.size();
    // Along the null direction e_2 of H, x_2(t) = x0_2 - t m(0) g_2 = x0_2 + t b_2 (m(0) = 1).
    EXPECT_SCALAR_NEAR(S(flow(x0, S(2))(2)), S(x0(2) + 2 * b(2)), tol::ulps<S>(64), tol::ulps<S>(64)) << mult.size();
  }
}
