// solvers/sgd/optimizer_steps.hpp in quad on l(theta) = theta^2 / 2 (least squares, x = 1, y = 0: g = theta): each
// update's first steps against their closed forms (to 8 quad epsilons: grouped otherwise), the Update's double
// constants taken exactly (a decimal 0.1 would be off by 1e-17), and Adam's step count carried by the object.
#include "solvers/sgd/optimizer_steps.hpp"

#include "theory/models/least_squares.hpp"
#include "theory/scalar.hpp"

#include <gtest/gtest.h>

#include <limits>

using namespace irverify;

namespace {
using K = simd::UpdateKind;
const LeastSquares<quad> kHalfSquare(Mat<quad>::Ones(1, 1), Vec<quad>::Zero(1));
const Batch kAll{0};

// |x - y| within 8 quad epsilons of |y| (the closed forms group the operations otherwise).
::testing::AssertionResult near(const quad& x, const quad& y) {
  using std::abs;
  if (abs(x - y) <= 8 * std::numeric_limits<quad>::epsilon() * abs(y)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << static_cast<double>(x) << " against " << static_cast<double>(y) << ", off by "
                                       << static_cast<double>(x - y);
}

// Two steps of u from theta0 = 3 (the state as start() gives it).
Vec<quad> two_steps(const simd::Update& u) {
  OptimizerSteps<quad> step(kHalfSquare, u);
  Vec<quad> x = step.start(Vec<quad>::Constant(1, quad(3)));
  step(x, kAll);
  step(x, kAll);
  return x;
}
}  // namespace

TEST(OptimizerSteps, FirstStepsMatchTheirClosedForms) {
  const quad h = quad(0.1), lambda = quad(0.25), beta = quad(0.5);  // doubles, exactly
  EXPECT_TRUE(near(two_steps({K::Sgd, 0.1})(0), 3 * (1 - h) * (1 - h)));
  const quad a = 1 - 2 * h * lambda - h;  // weight decay: theta <- (1 - 2 h lambda) theta - h theta
  EXPECT_TRUE(near(two_steps({K::WeightDecay, 0.1, 0, 0, 0, 0.25})(0), 3 * a * a));
  // heavy ball from rest: d1 = -3h, theta1 = 3 - 3h; d2 = beta d1 - h theta1, theta2 = theta1 + d2.
  const Vec<quad> hb = two_steps({K::HeavyBall, 0.1, 0.5});
  ASSERT_EQ(hb.size(), 2);
  const quad t1 = 3 - 3 * h, d2 = beta * (-3 * h) - h * t1;
  EXPECT_TRUE(near(hb(1), d2));
  EXPECT_TRUE(near(hb(0), t1 + d2));
}

TEST(OptimizerSteps, AdamCountsItsStepsForTheBiasCorrection) {
  // With bias correction Adam's first step is h g / (|g| + eps) whatever beta, rho; eps = 0 is not a kernel setting
  // but the generic path takes it: the step is exactly h. The second step uses beta^2, rho^2.
  OptimizerSteps<quad> step(kHalfSquare, {K::Adam, 0.125, 0.5, 0.75, 0.0, 0, false, true});
  Vec<quad> x = step.start(Vec<quad>::Constant(1, quad(3)));
  ASSERT_EQ(x.size(), 3);
  step(x, kAll);
  EXPECT_TRUE(near(x(0), quad(3) - quad(0.125)));
  const quad g = x(0), m = quad(0.5) * 3 / 2 + g / 2, nu = quad(0.75) * 9 / 4 + g * g / 4;
  step(x, kAll);
  EXPECT_TRUE(near(x(1), m));
  EXPECT_TRUE(near(x(2), nu));
  using std::sqrt;
  EXPECT_TRUE(near(x(0), g - quad(0.125) * (m / (1 - quad(0.25))) / sqrt(nu / (1 - quad(0.5625)))));
}
