// theory/formula/formula.hpp: the grammar (precedence, right-associative powers, integer powers as products, sums over
// vector indices), the functions against their closed forms in every scalar, kinks flagged, and every refusal with the
// column it points at: unknown names, unbalanced parentheses, size mismatches, nesting and length limits.
#include "theory/formula/formula.hpp"
#include "theory/formula/formula_symbols.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"
#include "theory/ad/reverse.hpp"
#include "theory/scalar.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace irverify;

namespace {

const FormulaSymbols kFormulaSymbols{{{"a", 0}, {"u", 3}, {"v", 3}}, {{"x", 3}, {"y", 0}}};  // theta = (a, u0..2, v0..2)

template <class S> std::vector<S> formula_literals(const Formula& f) {
  std::vector<S> l;
  for (const std::string& t : f.literals()) l.push_back(parse_scalar<S>(t));
  return l;
}
// The formula's value at theta = (a, u, v) = (1/2, 1, -2, 3, 1/4, 1/2, -1) on the row x = (2, -1, 1/2), y = 3.
template <class S> S formula_value(const std::string& text) {
  const Formula f(text, kFormulaSymbols);
  const std::vector<S> th = {S(1) / 2, S(1), S(-2), S(3), S(1) / 4, S(1) / 2, S(-1)};
  const std::vector<S> row = {S(2), S(-1), S(1) / 2, S(3)};
  std::vector<Var<S>> x(th.begin(), th.end());
  return f.evaluate<S>(x, row.data(), formula_literals<S>(f)).value;
}
// The FormulaError's column for a text that must be refused, and its message.
std::pair<std::size_t, std::string> formula_refusal(const std::string& text, const FormulaSymbols& sym = kFormulaSymbols) {
  try {
    (void)Formula(text, sym);
  } catch (const FormulaError& e) {
    return {e.column, e.what()};
  }
  return {0, "accepted"};
}

}  // namespace

template <class S> class FormulaInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(FormulaInEveryScalar, ScalarTypes);

TYPED_TEST(FormulaInEveryScalar, ArithmeticPrecedenceAndPowers) {
  using S = TypeParam;
  EXPECT_EQ(formula_value<S>("1 + 2 * 3 - 4 / 8"), S(13) / 2);
  EXPECT_EQ(formula_value<S>("-2^2"), S(-4));        // -(2^2)
  // 2^(3^2): the exponent 3^2 is no literal, so a real power exp(9 log 2).
  EXPECT_SCALAR_NEAR(formula_value<S>("2^3^2"), S(512), tol::ulps<S>(16), S(0));
  EXPECT_EQ(formula_value<S>("2^-2"), S(1) / 4);
  EXPECT_EQ(formula_value<S>("a^0 + u[2]^3"), S(28));
  EXPECT_EQ(formula_value<S>("(a - u[1]) * y"), S(15) / 2);
  EXPECT_EQ(formula_value<S>("sum(k, u[k] * v[k] * x[k]) - y"), S(-3));  // 1/2 + 1 - 3/2 - 3
  EXPECT_EQ(formula_value<S>("sum(i, sum(j, u[i] * v[j]))"), S(2) * (S(1) / 4 + S(1) / 2 - 1));
  EXPECT_EQ(formula_value<S>("0.125e1 + 5e-1 * 2"), S(9) / 4);
  // A literal is exact in S: 0.1 rounded once in S, not through double.
  EXPECT_EQ(formula_value<S>("0.1"), parse_scalar<S>("0.1"));
}

TYPED_TEST(FormulaInEveryScalar, FunctionsMatchTheirClosedForms) {
  using S = TypeParam;
  using std::cos;
  using std::exp;
  using std::log;
  using std::sin;
  using std::sqrt;
  using std::tanh;
  const S x = S(3) / 4, tol = tol::ulps<S>(16);
  EXPECT_SCALAR_NEAR(formula_value<S>("exp(0.75) + log(0.75) + sqrt(0.75) + tanh(0.75) + sin(0.75) + cos(0.75)"),
                     S(exp(x) + log(x) + sqrt(x) + tanh(x) + sin(x) + cos(x)), tol, tol);
  EXPECT_SCALAR_NEAR(formula_value<S>("sigmoid(0.75)"), S(1 / (1 + exp(-x))), tol, tol);
  EXPECT_SCALAR_NEAR(formula_value<S>("softplus(0.75)"), S(log(1 + exp(x))), tol, tol);
  EXPECT_EQ(formula_value<S>("relu(-2) + relu(3) + abs(-5) + min(2, 7) + max(2, 7)"), S(17));
  EXPECT_SCALAR_NEAR(formula_value<S>("a^0.5"), S(sqrt(S(1) / 2)), tol, tol);  // a real power: exp(0.5 log a)
}

TYPED_TEST(FormulaInEveryScalar, GradientFromTheTape) {
  using S = TypeParam;
  // L = a u0^2 + sin(a) v2: dL/da = u0^2 + cos(a) v2, dL/du0 = 2 a u0, dL/dv2 = sin(a).
  const Formula f("a * u[0]^2 + sin(a) * v[2]", kFormulaSymbols);
  const std::vector<S> row = {S(0), S(0), S(0), S(0)};
  const auto lits = formula_literals<S>(f);
  const Program<S> g = gradient_program_of<S>(7, [&](const std::vector<Var<S>>& x) { return f.evaluate<S>(x, row.data(), lits); });
  Vec<S> th(7);
  th << S(1) / 2, S(3), S(0), S(0), S(0), S(0), S(-2);
  const Vec<S> d = evaluate(g, th);
  using std::cos;
  using std::sin;
  const S tol = tol::ulps<S>(16) * 16;
  EXPECT_SCALAR_NEAR(d(0), S(9 - 2 * cos(S(1) / 2)), tol, tol);
  EXPECT_SCALAR_NEAR(d(1), S(3), tol, tol);
  EXPECT_SCALAR_NEAR(d(6), S(sin(S(1) / 2)), tol, tol);
  EXPECT_EQ(d(2), S(0));
}

TEST(Formula, SmoothnessAndWork) {
  EXPECT_TRUE(Formula("tanh(a) + softplus(y) * sigmoid(u[0])", kFormulaSymbols).smooth());
  EXPECT_FALSE(Formula("relu(a)", kFormulaSymbols).smooth());
  EXPECT_FALSE(Formula("abs(a)", kFormulaSymbols).smooth());
  EXPECT_FALSE(Formula("max(a, y)", kFormulaSymbols).smooth());
  EXPECT_EQ(Formula("a + y", kFormulaSymbols).work(), 3);
  EXPECT_GT(Formula("sum(k, u[k] * x[k])", kFormulaSymbols).work(), 3 * 3);
}

TEST(Formula, RefusalsPointAtTheirColumn) {
  EXPECT_EQ(formula_refusal("u[0] * w + 1"), (std::pair<std::size_t, std::string>{8, "unknown name 'w' at column 8"}));
  EXPECT_EQ(formula_refusal("(a + 1").first, 7u);                 // the missing ')'
  EXPECT_EQ(formula_refusal("a + 1)").first, 6u);
  EXPECT_EQ(formula_refusal("").first, 1u);
  EXPECT_EQ(formula_refusal("a +").first, 4u);
  EXPECT_EQ(formula_refusal("foo(a)").second, "unknown function 'foo' at column 1");
  EXPECT_EQ(formula_refusal("exp(a, y)").second, "exp takes 1 argument, given 2 at column 1");
  EXPECT_EQ(formula_refusal("u + 1").second, "'u' is a vector of 3 entries: index it, as in u[0] or u[k] in sum(k, ...) at column 1");
  EXPECT_EQ(formula_refusal("a[0]").second, "'a' is a scalar: it takes no index at column 2");
  EXPECT_EQ(formula_refusal("u[3]").second, "index 3 outside u's 3 entries (indices are 0-based) at column 3");
  EXPECT_EQ(formula_refusal("sum(k, k * u[k])").first, 8u);
  EXPECT_EQ(formula_refusal("sum(k, a)").second, "the sum's index 'k' indexes no vector at column 5");
  EXPECT_EQ(formula_refusal("sum(a, u[a])").second, "the sum's index 'a' is already a name in use at column 5");
  EXPECT_EQ(formula_refusal("1.2.3").first, 4u);
  EXPECT_EQ(formula_refusal("2e").first, 1u);
  EXPECT_EQ(formula_refusal("a $ 2").second, "unexpected '$' after a complete expression at column 3");
  // Sizes that disagree under one index name both.
  const FormulaSymbols mixed{{{"u", 3}}, {{"x", 2}}};
  EXPECT_EQ(formula_refusal("sum(k, u[k] * x[k])", mixed).second,
            "the sum's index 'k' runs over u's 3 entries, but x has 2 at column 15");
}

TEST(Formula, LimitsOnLengthDepthAndWork) {
  EXPECT_NE(formula_refusal(std::string(1000, '(') + "a" + std::string(1000, ')')).second.find("nesting deeper than 200"), std::string::npos);
  std::string minus(1000, '-');
  EXPECT_NE(formula_refusal(minus + "a").second.find("nesting deeper"), std::string::npos);
  std::string power = "a";
  for (int i = 0; i < 1000; ++i) power += "^a";
  EXPECT_NE(formula_refusal(power).second.find("nesting deeper"), std::string::npos);
  EXPECT_NE(formula_refusal(std::string(Formula::kMaxLength + 1, 'a')).second.find("more than the limit"), std::string::npos);
  // A long flat chain is fine (no recursion on its length) ...
  std::string chain = "a";
  for (int i = 0; i < 10000; ++i) chain += "+a";
  EXPECT_EQ(Formula(chain, kFormulaSymbols).work(), 20001);
  // ... but nested sums over long vectors exceed the work per example.
  const FormulaSymbols big{{{"u", 4096}}, {}};
  EXPECT_NE(formula_refusal("sum(i, sum(j, u[i] * u[j]))", big).second.find("operations per example"), std::string::npos);
}

TEST(Formula, SymbolsAreChecked) {
  EXPECT_EQ((FormulaName{"a", 0}.count()), 1);  // a scalar takes one number, a vector its length
  EXPECT_EQ((FormulaName{"u", 5}.count()), 5);
  EXPECT_EQ(count_of({{"a", 0}, {"u", 5}}), 6);
  EXPECT_THROW(Formula("a", FormulaSymbols{{{"a", 0}, {"a", 2}}, {}}), std::invalid_argument);
  EXPECT_THROW(Formula("a", FormulaSymbols{{{"exp", 0}}, {}}), std::invalid_argument);
  EXPECT_THROW(Formula("a", FormulaSymbols{{{"2a", 0}}, {}}), std::invalid_argument);
  EXPECT_THROW(Formula("a", FormulaSymbols{{{"a", 0}}, {{"a", 0}}}), std::invalid_argument);
}

TEST(Formula, CaretUnderTheColumn) {
  EXPECT_EQ(formula_caret("u[0] * w + 1", 8), "  u[0] * w + 1\n         ^");
  const std::string longer = std::string(100, 'a') + "#" + std::string(100, 'b');
  const std::string c = formula_caret(longer, 101);
  const auto nl = c.find('\n');
  EXPECT_EQ(c.substr(0, 5), "  ...");
  EXPECT_EQ(c[c.size() - 1], '^');
  EXPECT_EQ(c[c.size() - 1 - (nl + 1)], '#');  // the caret sits under the '#'
}
