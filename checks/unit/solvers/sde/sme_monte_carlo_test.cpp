// solvers/sde/sme_monte_carlo.hpp: on least squares the mean of SGD is GD and the mean of Euler-Maruyama is the Euler
// iterate (linear drift), so the coupled Monte Carlo's means must match them within 4 standard errors (the argmin
// coupling leaves SGD's example uniform); with one example the noise vanishes and every path is the deterministic one,
// exactly; the estimate is bit-identical for 1 and 2 threads.
#include "solvers/sde/sme_monte_carlo.hpp"

#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"
#include "theory/problem/problem_io.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace irverify;

namespace {
std::function<Vec<double>(const Vec<double>&)> coordinates() {
  return [](const Vec<double>& x) { return x; };
}
std::function<Mat<double>(const Vec<double>&)> unit_gradients() {
  return [](const Vec<double>& x) { return Mat<double>(Mat<double>::Identity(x.size(), x.size())); };
}
}  // namespace

TEST(SmeMonteCarlo, MeansOnLeastSquaresAreGdAndEuler) {
  const Problem<double> pr = build_problem<double>(generate_problem("least-squares", 1, {6, 3, 0}));
  const Model<double>& m = *pr.model;
  const Mat<double> A = m.hessian(pr.theta0, m.all_examples());
  const Vec<double> g0 = m.gradient(pr.theta0, m.all_examples());
  const Vec<double> star = pr.theta0 - A.ldlt().solve(g0);
  const double eta = 1.0 / 16;
  const long n = 8;
  const SmeWeakEstimate<double> e = sgd_sme_weak<double>(m, pr.theta0, eta, n, coordinates(), unit_gradients(), RunControl(5, 1 << 14, 2));
  auto euler = [&](double dt, long steps) {
    Vec<double> x = pr.theta0;
    for (long k = 0; k < steps; ++k) x -= dt * (A * (x - star));
    return x;
  };
  const Vec<double> gd = euler(eta, n), half = euler(eta / 2, 2 * n), quarter = euler(eta / 4, 4 * n);
  for (int i = 0; i < m.dim(); ++i) {
    EXPECT_LE(std::abs(e.sgd(i) - gd(i)), 4 * e.se_sgd(i)) << i;
    EXPECT_LE(std::abs(e.rich(i) - (2 * quarter(i) - half(i))), 4 * e.se_rich(i)) << i;
    EXPECT_GT(e.se_sgd(i), 0);
  }
  const SmeWeakEstimate<double> one = sgd_sme_weak<double>(m, pr.theta0, eta, n, coordinates(), unit_gradients(), RunControl(5, 1 << 10, 1));
  const SmeWeakEstimate<double> two = sgd_sme_weak<double>(m, pr.theta0, eta, n, coordinates(), unit_gradients(), RunControl(5, 1 << 10, 2));
  EXPECT_EQ(one.diff, two.diff);
  EXPECT_EQ(one.se_diff, two.se_diff);
}

TEST(SmeMonteCarlo, OneExampleIsDeterministic) {
  const Problem<double> pr = build_problem<double>(parse_problem_text(R"j({"format": "irverify-problem-1", "name": "one",
    "model": "least-squares", "data": [["1", "0"]], "theta0": ["1"]})j", "one"));  // l = theta^2 / 2
  const double eta = 1.0 / 8;
  const long n = 4;
  const SmeWeakEstimate<double> e = sgd_sme_weak<double>(*pr.model, pr.theta0, eta, n, coordinates(), unit_gradients(), RunControl(3, 64, 1));
  EXPECT_EQ(e.sgd(0), std::pow(1 - eta, n));
  EXPECT_EQ(e.em_eta(0), std::pow(1 - eta, n));
  EXPECT_NEAR(e.em_quarter(0), std::pow(1 - eta / 4, 4 * n), 1e-15);
  EXPECT_LE(e.se_diff(0), 1e-9);  // 0 but for the rounding of sum x^2 - M mean^2
  EXPECT_THROW(sgd_sme_weak<double>(*pr.model, pr.theta0, 0.0, n, coordinates(), unit_gradients(), RunControl(3, 64, 1)), std::invalid_argument);
}
