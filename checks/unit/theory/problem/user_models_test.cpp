// theory/problem/user_models.hpp: a model registered by name is validated with its parameter count and built by its
// factory in every scalar, like a built-in; empty, built-in and taken names are refused, as is a registration without
// a parameter count; a factory that builds a model of the wrong size is a ProblemError.
#include "theory/problem/user_models.hpp"

#include "checks/unit/scalar_types.hpp"
#include "theory/models/tape_model.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
// r_i = theta_0 x_i0 + theta_1 x_i0^2 - y_i (features beyond the first ignored): 2 parameters.
template <class S> struct UnitTestQuadraticFit {
  static std::unique_ptr<Model<S>> make(const ProblemSpec&, Mat<S> X, Mat<S> Y) {
    const int n = static_cast<int>(X.rows());
    return std::make_unique<TapeModel<S>>("unit-test-quadratic-fit", TapeModel<S>::Kind::Residual, 2, n,
                                          [X, Y](const std::vector<Var<S>>& th, int i) {
                                            return th[0] * X(i, 0) + th[1] * (X(i, 0) * X(i, 0)) - Y(i, 0);
                                          });
  }
};
// Claims 3 parameters, builds 2.
template <class S> struct UnitTestWrongSize {
  static std::unique_ptr<Model<S>> make(const ProblemSpec& s, Mat<S> X, Mat<S> Y) { return UnitTestQuadraticFit<S>::make(s, X, Y); }
};

void register_unit_test_models() {
  static const bool once = [] {
    register_user_model(user_model<UnitTestQuadraticFit>("unit-test-quadratic-fit", [](const ProblemSpec&) { return 2; }));
    register_user_model(user_model<UnitTestWrongSize>("unit-test-wrong-size", [](const ProblemSpec&) { return 3; }));
    return true;
  }();
  (void)once;
}

ProblemSpec unit_test_fit_spec(const std::string& model, int dim) {
  ProblemSpec s;
  s.name = "fit";
  s.model = model;
  s.origin = "unit test";
  s.data = {{"1", "2"}, {"-0.5", "0.25"}, {"2", "5"}};
  s.theta0.assign(dim, "0.5");
  return s;
}
}  // namespace

template <class S> class UserModelsInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(UserModelsInEveryScalar, ScalarTypes);

TYPED_TEST(UserModelsInEveryScalar, RegisteredModelBuildsLikeABuiltIn) {
  using S = TypeParam;
  register_unit_test_models();
  const ProblemSpec s = unit_test_fit_spec("unit-test-quadratic-fit", 2);
  EXPECT_EQ(s.dim(), 2);
  EXPECT_NO_THROW(validate(s));
  const Problem<S> p = build_problem<S>(s);
  EXPECT_EQ(p.model->kind(), "unit-test-quadratic-fit");
  EXPECT_EQ(p.model->num_examples(), 3);
  // r_2 = 0.5 * 2 + 0.5 * 4 - 5 = -2, and v_2 = (x, x^2) = (2, 4).
  EXPECT_EQ(p.model->residual(p.theta0, 2), S(-2));
  EXPECT_EQ(p.model->output_gradient(p.theta0, 2), (Vec<S>(2) << S(2), S(4)).finished());
}

TEST(UserModels, NamesAreCheckedAndWrongSizesRefused) {
  register_unit_test_models();
  ASSERT_NE(find_user_model("unit-test-quadratic-fit"), nullptr);
  EXPECT_EQ(find_user_model("unit-test-quadratic-fit")->name, "unit-test-quadratic-fit");
  EXPECT_EQ(find_user_model("no-such-model"), nullptr);
  EXPECT_EQ(user_model_dim("unit-test-quadratic-fit", ProblemSpec{}), 2);
  const auto dim2 = [](const ProblemSpec&) { return 2; };
  EXPECT_THROW(register_user_model(user_model<UnitTestQuadraticFit>("unit-test-quadratic-fit", dim2)), std::invalid_argument);
  EXPECT_THROW(register_user_model(user_model<UnitTestQuadraticFit>("least-squares", dim2)), std::invalid_argument);
  EXPECT_THROW(register_user_model(user_model<UnitTestQuadraticFit>("", dim2)), std::invalid_argument);
  EXPECT_THROW(register_user_model(user_model<UnitTestQuadraticFit>("unit-test-no-dim", nullptr)), std::invalid_argument);
  EXPECT_EQ(find_user_model("unit-test-no-dim"), nullptr);
  try {
    (void)build_problem<double>(unit_test_fit_spec("unit-test-wrong-size", 3));
    FAIL() << "a model of the wrong size was built";
  } catch (const ProblemError& e) {
    EXPECT_NE(std::string(e.what()).find("the registered factory built a model of the wrong size"), std::string::npos) << e.what();
  }
}
