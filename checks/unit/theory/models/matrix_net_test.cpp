// theory/models/matrix_net.hpp: two-layer networks with weight matrices (linear2, relu2) in every scalar: the closed
// forms against central differences; theta <-> (W1, W2) round trip exactly; one example's gradient matrices are rank
// one; with one output the model is a scalar regression model, with more the residual is refused.
#include "theory/models/matrix_net.hpp"

#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class MatrixNetInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(MatrixNetInEveryScalar, ScalarTypes);

TYPED_TEST(MatrixNetInEveryScalar, Linear2ClosedFormsMatchCentralDifferences) {
  expect_closed_forms_match_central_differences<TypeParam>("linear2");
}
TYPED_TEST(MatrixNetInEveryScalar, Relu2ClosedFormsMatchCentralDifferences) {
  expect_closed_forms_match_central_differences<TypeParam>("relu2");
}

// linear2 / relu2: theta <-> (W1, W2) round trip exactly, and a single example's gradient matrices are rank one
// (dW1 = D W2' r x', dW2 = r a': every 2 x 2 minor vanishes to rounding), the structure RANK-1 rests on. At a relu2
// kink (z_j = 0) the one-sided derivative 0 is used: row j of dW1 is zero.
TEST(MatrixNet, WeightsRoundTripAndOneExampleGradientsAreRankOne) {
  for (const char* kind : {"linear2", "relu2"}) {
    const Problem<mp50> p = build_problem<mp50>(generate_problem(kind, 3));
    const auto& m = dynamic_cast<const MatrixNet<mp50>&>(*p.model);
    EXPECT_EQ(m.theta(m.W1(p.theta0), m.W2(p.theta0)), p.theta0) << kind;
    for (int i = 0; i < m.num_examples(); ++i) {
      const Vec<mp50> g = m.gradient(p.theta0, Batch{i});
      for (const Mat<mp50>& G : {m.W1(g), m.W2(g)}) {
        mp50 worst(0);
        for (int a = 0; a < G.rows(); ++a)
          for (int c = a + 1; c < G.rows(); ++c)
            for (int b = 0; b < G.cols(); ++b)
              for (int d = b + 1; d < G.cols(); ++d) worst = std::max(worst, mp50(abs(G(a, b) * G(c, d) - G(a, d) * G(c, b))));
        EXPECT_LE(to_double(worst), to_double(mp50(tol::ulps<mp50>(64) * G.squaredNorm()))) << kind << " example " << i;
      }
    }
  }
  // One output: a scalar regression model, l_i = r_i^2 / 2 and grad l_i = r_i v_i; more: refused with a reason.
  GeneratorOptions one;
  one.outputs = 1;
  const Problem<mp50> p1 = build_problem<mp50>(generate_problem("linear2", 3, one));
  for (int i = 0; i < p1.model->num_examples(); ++i) {
    const mp50 r = p1.model->residual(p1.theta0, i);
    EXPECT_LE(to_double(mp50(abs(r * r / 2 - p1.model->loss(p1.theta0, Batch{i})))), 1e-45);
    EXPECT_LE(to_double(mp50((r * p1.model->output_gradient(p1.theta0, i) - p1.model->gradient(p1.theta0, Batch{i})).norm())), 1e-45);
  }
  const Problem<double> p = build_problem<double>(generate_problem("relu2", 3));
  const auto& m = dynamic_cast<const MatrixNet<double>&>(*p.model);
  EXPECT_THROW(m.residual(p.theta0, 0), std::logic_error);
  Mat<double> W1 = m.W1(p.theta0);
  W1.row(0).setZero();  // z_0 = 0 for every example
  const Vec<double> g = m.gradient(m.theta(W1, m.W2(p.theta0)), m.all_examples());
  EXPECT_EQ(m.W1(g).row(0).norm(), 0.0);
  EXPECT_EQ(m.W2(g).col(0).norm(), 0.0);
}

TEST(MatrixNet, BadShapesAreRefused) {
  const Mat<double> X = Mat<double>::Ones(3, 2), Y = Mat<double>::Ones(3, 2);
  EXPECT_THROW(MatrixNet<double>(MatrixNetKind::Linear, 0, X, Y), std::invalid_argument);
  EXPECT_THROW(MatrixNet<double>(MatrixNetKind::Relu, 2, X, Mat<double>::Ones(2, 2)), std::invalid_argument);
  EXPECT_THROW(MatrixNet<double>(MatrixNetKind::Relu, 2, X, Mat<double>(3, 0)), std::invalid_argument);
  const MatrixNet<double> m(MatrixNetKind::Linear, 4, X, Y);
  EXPECT_EQ(m.dim(), 4 * (2 + 2));
  EXPECT_EQ(m.kind(), "linear2");
  EXPECT_TRUE(m.smooth());
  EXPECT_FALSE(MatrixNet<double>(MatrixNetKind::Relu, 4, X, Y).smooth());
}
