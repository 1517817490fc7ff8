// solvers/stability/return_fraction.hpp: the return counts are reproducible across threads and every run returns well
// below eta*; a rounding-level return radius is refused; the distance to the manifold of minima is zero on it and, to
// first order, the length of a normal displacement.
#include "solvers/stability/return_fraction.hpp"

#include "checks/unit/solvers/stability/stability_checks.hpp"
#include "solvers/stability/sgd_threshold.hpp"

#include <Eigen/LU>
#include <gtest/gtest.h>

using namespace irverify;

TEST(ReturnFraction, ReproducibleAcrossThreadsAndRefusesARoundingLevelRadius) {
  const InterpolatingMinimum<double> st = stab_minimum<double>("diag-uv");
  ReturnOptions o;
  o.run.samples = 8;
  o.horizon = 20000;
  const double eta = 0.9 * eta_star_structured<double>(st.inst, 1, BatchSampling::WithReplacement);
  const ReturnCounts one = return_fraction(st.model(), st.min.theta, 1, BatchSampling::WithReplacement, eta, o);
  o.run.threads = 2;
  const ReturnCounts two = return_fraction(st.model(), st.min.theta, 1, BatchSampling::WithReplacement, eta, o);
  EXPECT_EQ(one.returned, two.returned);
  EXPECT_EQ(one.mean_steps_returned, two.mean_steps_returned);
  EXPECT_EQ(one.returned, o.run.samples);  // Lambda < 0 well below eta*
  o.r0 = 1e-12;  // return radius 1e-14: within 2^20 eps of theta*'s rounding
  EXPECT_THROW(return_fraction(st.model(), st.min.theta, 1, BatchSampling::WithReplacement, eta, o), std::invalid_argument);
  o.r0 = 1e-4;
  EXPECT_THROW(return_fraction(st.model(), st.min.theta, st.inst.N + 1, BatchSampling::WithoutReplacement, eta, o),
               std::invalid_argument);
}

TEST(ReturnFraction, DistanceToTheMinimaIsTheNormalDisplacement) {
  const InterpolatingMinimum<double> st = stab_minimum<double>("least-squares");  // linear: exact, not just first order
  EXPECT_LE(distance_to_minima(st.model(), st.min.theta), 1e-13);
  // A displacement t n along a unit normal (a row of V) is at distance t; one along the null space of V at zero.
  const Vec<double> n = st.V.row(0).transpose().normalized();
  EXPECT_NEAR(distance_to_minima(st.model(), Vec<double>(st.min.theta + 1e-3 * n)), 1e-3, 1e-12);
  const Eigen::FullPivLU<Mat<double>> lu(st.V);
  const Vec<double> tangent = Vec<double>(lu.kernel().col(0)).normalized();
  EXPECT_LE(distance_to_minima(st.model(), Vec<double>(st.min.theta + 1e-3 * tangent)), 1e-13);
}
