// solvers/order/richardson.hpp: Richardson extrapolation on a halving ladder is exact (to rounding) for a polynomial
// of degree below the number of levels (its error estimate is the size of the last term removed), and extrapolates a
// smooth non-polynomial to rounding.
#include "solvers/order/richardson.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Richardson, ExactForPolynomialsOfLowDegree) {
  std::vector<Vec<double>> t;
  for (int k = 0; k < 6; ++k) {
    const double x = std::ldexp(0.5, -k);
    Vec<double> v(2);
    v << 3 + 2 * x - x * x + 0.5 * x * x * x, -1 + x * x * x * x * x;
    t.push_back(v);
  }
  const auto [c, err] = richardson<double>(t);
  EXPECT_NEAR(c(0), 3, 1e-13);
  EXPECT_NEAR(c(1), -1, 1e-13);
  EXPECT_GT(err, 1e-7);  // the estimate is the last column's change: the size of the x^5 term it removed
}

TEST(Richardson, ExtrapolatesASmoothFunction) {
  std::vector<Vec<double>> t;
  for (int k = 0; k < 8; ++k) {
    Vec<double> v(1);
    v << std::expm1(std::ldexp(0.25, -k)) / std::ldexp(0.25, -k);  // (e^x - 1)/x -> 1
    t.push_back(v);
  }
  const auto [c, err] = richardson<double>(t);
  EXPECT_NEAR(c(0), 1, 1e-13);
  EXPECT_LT(err, 1e-12);
}
