// theory/problem/problem.hpp: one spec builds the same problem in every scalar, each number rounded once from its
// decimal text (the model of the spec's kind, theta0, the partition, h0); a number that overflows the scalar is a
// ProblemError naming its place; an invalid spec is refused before anything is built.
#include "theory/problem/problem.hpp"

#include "checks/unit/scalar_types.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class ProblemInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ProblemInEveryScalar, ScalarTypes);

TYPED_TEST(ProblemInEveryScalar, SpecBuildsItsModelWithEveryNumberRoundedOnce) {
  using S = TypeParam;
  for (const auto& kind : model_kinds()) {
    ProblemSpec spec = generate_problem(kind, 4);
    spec.h0 = "0.1";
    spec.partition = {{0}, {}};  // example 0, then the others
    for (int i = 1; i < spec.num_examples(); ++i) spec.partition.back().push_back(i);
    const Problem<S> p = build_problem<S>(spec);
    EXPECT_EQ(p.model->kind(), kind);
    EXPECT_EQ(p.model->dim(), spec.dim()) << kind;
    EXPECT_EQ(p.model->num_examples(), spec.num_examples()) << kind;
    ASSERT_EQ(p.theta0.size(), spec.dim()) << kind;
    for (int i = 0; i < spec.dim(); ++i) EXPECT_EQ(p.theta0(i), parse_scalar<S>(spec.theta0[i])) << kind;
    EXPECT_TRUE(p.has_h0);
    EXPECT_EQ(p.h0, S(1) / 10);  // correctly rounded in S
    EXPECT_EQ(p.partition.size(), spec.partition.size()) << kind;
    EXPECT_EQ(p.spec.to_json(), spec.to_json());
  }
  const Problem<S> none = build_problem<S>(generate_problem("least-squares", 4));
  EXPECT_FALSE(none.has_h0);
  EXPECT_TRUE(none.partition.empty());
}

TEST(Problem, OverflowInTheScalarAndInvalidSpecsAreProblemErrors) {
  ProblemSpec s = generate_problem("least-squares", 2);
  s.origin = "big.json";
  s.data[1][0] = "1e400";  // finite in mp50 (validate's check), not in double
  EXPECT_NO_THROW(build_problem<mp50>(s));
  try {
    (void)build_problem<double>(s);
    FAIL() << "1e400 was built in double";
  } catch (const ProblemError& e) {
    EXPECT_NE(std::string(e.what()).find("big.json: data[1] column 1: '1e400' overflows double"), std::string::npos) << e.what();
  }
  s = generate_problem("least-squares", 2);
  s.theta0.pop_back();
  EXPECT_THROW(build_problem<quad>(s), ProblemError);
}
