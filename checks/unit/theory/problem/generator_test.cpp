// theory/problem/generator.hpp: generated problems are a pure function of (model, seed, sizes), every number a
// multiple of 2^-12 (the same problem in every scalar), written to a file they read back identically; the built-in
// instances are one per scalar-residual model kind; dyadic text is exact.
#include "theory/problem/generator.hpp"

#include "theory/problem/problem.hpp"
#include "theory/problem/problem_io.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

using namespace irverify;

TEST(Generator, DeterministicPerSeedAndExactInEveryPrecision) {
  for (const auto& kind : model_kinds()) {
    const ProblemSpec a = generate_problem(kind, 11), b = generate_problem(kind, 11), c = generate_problem(kind, 12);
    EXPECT_EQ(a.to_json(), b.to_json()) << kind;
    EXPECT_NE(a.to_json(), c.to_json()) << kind;
    // Every generated number is a multiple of 2^-12: identical in double and mp50.
    const Problem<double> pd = build_problem<double>(a);
    const Problem<mp50> pm = build_problem<mp50>(a);
    for (int i = 0; i < pd.theta0.size(); ++i) EXPECT_EQ(mp50(pd.theta0(i)), pm.theta0(i)) << kind;
  }
}

TEST(Generator, WrittenFileReadsBackIdentically) {
  const auto dir = std::filesystem::temp_directory_path() / "irverify-problem-io";
  std::filesystem::create_directories(dir);
  for (const auto& kind : model_kinds()) {
    const ProblemSpec a = generate_problem(kind, 5);
    const std::string path = (dir / (kind + ".json")).string();
    write_problem_file(a, path);
    ProblemSpec b = read_problem_file(path);
    EXPECT_EQ(a.to_json(), b.to_json()) << kind;
  }
}

TEST(Generator, DyadicTextIsExact) {
  EXPECT_EQ(dyadic_text(1, 12), "0.000244140625");
  EXPECT_EQ(dyadic_text(-4096, 12), "-1");
  EXPECT_EQ(dyadic_text(6144, 12), "1.5");
  EXPECT_EQ(dyadic_text(0, 12), "0");
  EXPECT_EQ(dyadic_text(-3, 0), "-3");
  EXPECT_EQ(parse_scalar<mp50>(dyadic_text(12345, 20)), mp50(12345) / mp50(1 << 20));
  EXPECT_THROW(dyadic_text(1, 21), std::invalid_argument);
  EXPECT_THROW(dyadic_text(1, -1), std::invalid_argument);
}

TEST(Generator, SizesAreHonouredAndNumbersAreOnTheGrid) {
  const ProblemSpec s = generate_problem("two-layer-tanh", 3, {7, 4, 5, 0});
  EXPECT_EQ(s.num_examples(), 7);
  EXPECT_EQ(s.features(), 4);
  EXPECT_EQ(s.hidden, 5);
  EXPECT_EQ(s.dim(), 5 * 5);
  EXPECT_EQ(s.origin, "generator(model=two-layer-tanh, seed=3)");
  EXPECT_EQ(s.seed, 3u);
  const ProblemSpec m = generate_problem("relu2", 3, {6, 3, 4, 2});
  EXPECT_EQ(m.outputs, 2);
  EXPECT_EQ(m.dim(), 4 * (3 + 2));
  const mp50 grid = mp50(1 << 12);
  for (const auto& row : s.data)
    for (std::size_t j = 0; j < row.size(); ++j) {
      const mp50 k = parse_scalar<mp50>(row[j]) * grid;
      EXPECT_EQ(k, mp50(trunc(k))) << row[j];  // k 2^-12, k an integer
      if (j < 4) {
        EXPECT_LE(abs(parse_scalar<mp50>(row[j])), mp50(1)) << row[j];  // features on [-1, 1]
      }
    }
  EXPECT_THROW(generate_problem("least-squares", 1, {0, 0, 0, 2}), ProblemError);  // one output only
}

TEST(Generator, BuiltInProblemsAreOnePerScalarResidualModel) {
  std::set<std::string> kinds;
  for (const ProblemSpec& s : builtin_problems()) {
    EXPECT_NO_THROW(validate(s)) << s.model;
    EXPECT_EQ(s.seed, 1u) << s.model;
    kinds.insert(s.model);
  }
  std::set<std::string> expect(model_kinds().begin(), model_kinds().end());
  expect.erase("linear2");
  expect.erase("relu2");
  EXPECT_EQ(kinds, expect);
}

// as_formula: each toy with a formula keeps its data, theta0 and parameter count; other models are refused.
TEST(Generator, ToysAsFormulasKeepTheirSizes) {
  for (const char* m : {"least-squares", "two-param", "diag-uv", "diag-uu-vv", "two-layer-tanh", "two-layer-relu"}) {
    const ProblemSpec b = generate_problem(m, 2);
    const ProblemSpec f = as_formula(b);
    EXPECT_TRUE(f.is_formula()) << m;
    EXPECT_EQ(f.dim(), b.dim()) << m;
    EXPECT_EQ(f.num_examples(), b.num_examples()) << m;
    EXPECT_EQ(f.theta0, b.theta0) << m;
    EXPECT_EQ(f.data, b.data) << m;
    EXPECT_EQ(formula_has_kinks(f), std::string(m) == "two-layer-relu") << m;
  }
  EXPECT_THROW(as_formula(generate_problem("quadratic", 2)), ProblemError);
  EXPECT_THROW(as_formula(generate_problem("linear2", 2)), ProblemError);
}
