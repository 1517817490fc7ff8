// theory/losses/quadratic_modified_series.hpp in every scalar, on least squares (g = H theta - b): P = psi(hH) is the
// matrix whose flow theta' = -P g is GD exactly (exp(-hHP) = I - hH), the limit of the truncated series
// sum_k (hH)^k / (k+1), 1 on the null space of H; the taped exact field is -P g; h lambda_max >= 1 is refused.
#include "theory/losses/quadratic_modified_series.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class QuadraticModifiedSeriesInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(QuadraticModifiedSeriesInEveryScalar, ScalarTypes);

TYPED_TEST(QuadraticModifiedSeriesInEveryScalar, ExactFieldIsGdAndTheSeriesLimit) {
  using S = TypeParam;
  using std::exp;
  // N = 4 examples, d = 6 parameters: H = X'X/N has a 2-dimensional null space.
  const Problem<S> pr = build_problem<S>(generate_problem("least-squares", 3, {4, 6, 0}));
  const Model<S>& m = *pr.model;
  const Batch all = m.all_examples();
  const Mat<S> H = m.hessian(pr.theta0, all);
  const int d = m.dim();
  const SymEigen<S> es = sym_eigen<S>(H, true);
  const S h = S(1) / (4 * es.values.maxCoeff());  // h lambda_max = 1/4
  const Mat<S> P = quadratic_series_matrix<S>(H, h);
  // exp(-h H P) = I - h H: hHP is symmetric (P commutes with H), exponentiated through its eigendecomposition.
  const SymEigen<S> hp = sym_eigen<S>(Mat<S>(h * H * P), true);
  Vec<S> e(d);
  for (int k = 0; k < d; ++k) e(k) = exp(S(-hp.values(k)));
  const Mat<S> gd = Mat<S>::Identity(d, d) - h * H;
  EXPECT_LE(S((hp.vectors * e.asDiagonal() * hp.vectors.transpose() - gd).norm()), tol::ulps<S>(64 * d * d));
  // The series: 200 terms leave (1/4)^200 of the first, below every scalar's epsilon.
  const Vec<S> g = m.gradient(pr.theta0, all);
  EXPECT_LE(S((quadratic_truncated_field<S>(H, g, h, 200) + P * g).norm()), tol::ulps<S>(64 * d) * S(g.norm()));
  // One term is the gradient flow, two add the IGR term -h H g / 2.
  EXPECT_EQ(quadratic_truncated_field<S>(H, g, h, 1), Vec<S>(-g));
  EXPECT_LE(S((quadratic_truncated_field<S>(H, g, h, 2) - Vec<S>(-g - h * (H * g) / 2)).norm()), tol::ulps<S>(16) * S(g.norm()));
  // psi(0) = 1: P is the identity on the null space of H (the eigenvectors of its two zero eigenvalues).
  for (int k = 0; k < 2; ++k) {
    const Vec<S> z = es.vectors.col(k);
    EXPECT_LE(S((P * z - z).norm()), tol::ulps<S>(64 * d)) << k;
  }
  // The taped field is -P g(theta).
  EXPECT_LE(S((evaluate(quadratic_exact_field<S>(m, P, all), pr.theta0) + P * g).norm()), tol::ulps<S>(64 * d) * S(g.norm()));
  EXPECT_THROW(quadratic_series_matrix<S>(H, S(1) / es.values.maxCoeff()), std::domain_error);
}
