// solvers/stability/interpolating_minimum.hpp in every scalar: the minima of the STAB claims' instances converge, the
// Gauss-Newton Hessian (1/N) V'V equals the model's Hessian there, the reduced instance satisfies (1/N) W'W =
// diag(lambda), and the constructed minima interpolate to the residual tolerance. Problems without interpolating
// minima are refused with the reason, unless theta0 interpolates already; the tolerances as documented.
#include "solvers/stability/interpolating_minimum.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"
#include "checks/unit/solvers/stability/stability_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class InterpolatingMinimumInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(InterpolatingMinimumInEveryScalar, ScalarTypes);

TYPED_TEST(InterpolatingMinimumInEveryScalar, GaussNewtonAndConstructedMinimaInterpolateAndHessiansAgree) {
  using S = TypeParam;
  for (const std::string kind : {"least-squares", "diag-uv", "diag-uu-vv", "two-layer-relu"}) {
    const InterpolatingMinimum<S> st = stab_minimum<S>(kind);
    EXPECT_TRUE(st.min.converged) << kind;
    const Mat<S> gn = st.V.transpose() * st.V / S(st.inst.N);
    EXPECT_LE(S((gn - st.H).norm() / st.H.norm()), tol::ulps<S>(1024)) << kind;
    // H's nonzero eigenvalues are those of the reduced instance, and (1/N) W'W = diag(lambda).
    const Mat<S> red = st.inst.W.transpose() * st.inst.W / S(st.inst.N);
    EXPECT_LE(S((red - Mat<S>(st.inst.lambda.asDiagonal())).norm()), tol::ulps<S>(1024) * st.inst.lambda_max()) << kind;
    if (kind != "two-layer-relu") {
      const Vec<S> th = constructed_minimum<S>(st.model(), st.pr.theta0, S(1));
      EXPECT_LE(S(residuals<S>(st.model(), th).norm()), minimum_residual_tolerance<S>(st.model())) << kind;
    }
  }
}

TEST(InterpolatingMinimum, InapplicableProblemsAreRefusedWithTheReason) {
  EXPECT_EQ(interpolation_not_applicable(generate_problem("diag-uv", 1, {6, 8, 0})), "");
  EXPECT_NE(interpolation_not_applicable(generate_problem("quadratic", 1)).find("regression model"), std::string::npos);
  ProblemSpec over = generate_problem("least-squares", 1, {6, 2, 0});
  over.origin = "over.json";
  EXPECT_EQ(interpolation_not_applicable(over), "N = 6 examples > 2 parameters: no interpolating minimum in general");
  try {
    InterpolatingMinimum<double> m(over);
    FAIL() << "a minimum of an overdetermined problem was made";
  } catch (const ProblemError& e) {
    EXPECT_EQ(std::string(e.what()), "over.json: N = 6 examples > 2 parameters: no interpolating minimum in general");
  }
  // N > dim but theta0 interpolates (zero labels, theta0 = 0): the minimum is theta0 itself.
  for (auto& row : over.data) row.back() = "0";
  over.theta0 = {"0", "0"};
  const InterpolatingMinimum<double> at(over);
  EXPECT_TRUE(at.min.converged);
  EXPECT_EQ(at.min.iterations, 0);
  EXPECT_EQ(at.min.theta, Vec<double>(Vec<double>::Zero(2)));
}

TEST(InterpolatingMinimum, TolerancesAndTheDoubleInstance) {
  const InterpolatingMinimum<mp50> st = stab_minimum<mp50>("diag-uv");
  // 64 N eps max(1, max |y|).
  mp50 ymax(1);
  for (int i = 0; i < st.model().num_examples(); ++i) ymax = std::max(ymax, mp50(abs(parse_scalar<mp50>(st.pr.spec.data[i].back()))));
  EXPECT_EQ(minimum_residual_tolerance<mp50>(st.model()), mp50(kMinimumResidualUlps * st.model().num_examples()) * eps<mp50>() * ymax);
  const int n = st.inst.rank() * (st.inst.rank() + 1) / 2;
  EXPECT_EQ(eta_star_tolerance<mp50>(st.inst), mp50(64 * n) * eps<mp50>());
  const StabilityInstance<double> d = to_double_instance(st.inst);
  EXPECT_EQ(d.N, st.inst.N);
  EXPECT_EQ(d.lambda(0), to_double(st.inst.lambda(0)));
  EXPECT_EQ(d.W(1, 2), to_double(st.inst.W(1, 2)));
}
