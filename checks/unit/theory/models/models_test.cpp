// theory/models/models.hpp: the umbrella of the built-in model families, explicitly instantiated once per scalar
// (declared extern here): each family constructs and runs in every scalar through the Model interface, and the
// families' kinds are the problem-file names (model_kinds()).
#include "theory/models/models.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/problem/problem_spec.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <set>

using namespace irverify;

template <class S> class ModelsInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ModelsInEveryScalar, ScalarTypes);

// Every family on one small data set (3 examples, 2 features, 1 output): at theta = 0 the regression models predict 0,
// so the loss is the mean of y^2 / 2 and the gradient of least squares is -c.
TYPED_TEST(ModelsInEveryScalar, EveryFamilyInstantiatedAndRunningInTheScalar) {
  using S = TypeParam;
  using std::abs;
  Mat<S> X(3, 2);
  X << S(1), S(-1), S(1) / 2, S(2), S(-3) / 2, S(1);
  Vec<S> y(3);
  y << S(1), S(-1) / 2, S(2);
  Mat<S> Q(2, 2);
  Q << S(2), S(1), S(1), S(2);
  std::vector<std::unique_ptr<Model<S>>> models;
  models.push_back(std::make_unique<LeastSquares<S>>(X, y));
  models.push_back(std::make_unique<Quadratic<S>>(std::vector<QuadraticTerm<S>>{{Q, Vec<S>(X.row(0).transpose()), S(0)}}));
  models.push_back(std::make_unique<DiagNet<S>>(DiagKind::UV, X, y));
  models.push_back(std::make_unique<DiagNet<S>>(DiagKind::UUVV, X, y));
  models.push_back(std::make_unique<DiagNet<S>>(DiagKind::TwoParam, Mat<S>(X.col(0)), y));
  models.push_back(std::make_unique<TwoLayer<S>>(Activation::Tanh, 3, X, y));
  models.push_back(std::make_unique<TwoLayer<S>>(Activation::Relu, 3, X, y));
  models.push_back(std::make_unique<MatrixNet<S>>(MatrixNetKind::Linear, 3, X, Mat<S>(y)));
  models.push_back(std::make_unique<MatrixNet<S>>(MatrixNetKind::Relu, 3, X, Mat<S>(y)));
  std::set<std::string> kinds;
  const S half_mean_y2 = S(y.squaredNorm()) / 6;
  for (const auto& m : models) {
    kinds.insert(m->kind());
    const Vec<S> zero = Vec<S>::Zero(m->dim());
    EXPECT_EQ(m->gradient(zero, m->all_examples()).size(), m->dim()) << m->kind();
    EXPECT_EQ(m->hessian(zero, m->all_examples()).rows(), m->dim()) << m->kind();
    if (m->kind() == "quadratic") continue;
    EXPECT_SCALAR_NEAR(m->loss(zero, m->all_examples()), half_mean_y2, tol::ulps<S>(16), S(0)) << m->kind();
  }
  EXPECT_EQ(kinds, std::set<std::string>(model_kinds().begin(), model_kinds().end()));
}
