// theory/bseries/series.hpp against independent facts: the exact flow's 1/gamma(t) and its h-field, two flows of time h
// compose to one of time 2h, two Euler steps have twice Euler's modified field, the Lie derivative along f (n!/gamma),
// grafting (|t|/gamma), Euler's field through five nodes (the textbook h^2 terms; bushy trees = Bernoulli numbers; tall
// trees = (-1)^(k-1)/k), partitioned Euler's h-terms.
#include "theory/bseries/series.hpp"

#include <gtest/gtest.h>

using namespace irverify::bseries;

TEST(Series, FlowsLogarithmsAndComposition) {
  TreeTable t(1);
  const Series ex = exact_flow(t, 7), e = euler(t, 7, {Rational(1)});
  Series field(t, 7);
  field[t.intern(0, {})] = 1;
  EXPECT_TRUE(log(ex) == field);  // (exp is the same loop: exp(field) == ex says the same)
  EXPECT_TRUE(compose(ex, ex) == ex.scaled(2));
  const Series b = log(e), b2 = log(compose(e, e));
  for (int id : b.trees()) EXPECT_EQ(b2[id], 2 * b[id]) << t.name(id);
  EXPECT_THROW(compose(e, euler(t, 6, {Rational(1)})), std::invalid_argument);
  EXPECT_TRUE(Series(t, 3) == Series(t, 3));
  TreeTable grows(1);
  const Series before(grows, 2);
  grows.all(4);
  EXPECT_TRUE(before == Series(grows, 2));  // trees added later do not count
}

TEST(Series, LieDerivativeAndGrafting) {
  TreeTable t(1);
  Series f(t, 7);
  f[t.intern(0, {})] = 1;
  // d_f^(n-1) f on a tree of n nodes counts its increasing labellings: n!/gamma(t).
  std::vector<Series> D{f};
  for (int k = 1; k < 7; ++k) D.push_back(lie_derivative(D.back(), f));
  for (int id : f.trees()) {
    const int n = t.order(id);
    std::int64_t fact = 1;
    for (int k = 2; k <= n; ++k) fact *= k;
    EXPECT_EQ(D[n - 1][id], Rational(fact, t.gamma(id))) << t.name(id);
    if (n > 1) {
      EXPECT_EQ(D[n - 2][id], 0) << t.name(id);
    }
  }
  // h f(exact flow): the h-derivative of the flow, |t|/gamma(t).
  const Series g = grafted(exact_flow(t, 7));
  for (int id : g.trees()) EXPECT_EQ(g[id], Rational(t.order(id), t.gamma(id))) << t.name(id);
}

TEST(Series, EulerModifiedFieldThroughFiveNodes) {
  TreeTable t(1);
  const Series b = log(euler(t, 5, {Rational(1)}));
  const int leaf = t.intern(0, {});
  // Textbook (GNI IX.1): f~ = f - (h/2) f'f + h^2 ((1/12) f''(f, f) + (1/3) f'f'f) + ...; b = coefficient x sigma.
  EXPECT_EQ(b[t.intern(0, {leaf})], Rational(-1, 2));
  EXPECT_EQ(b[t.intern(0, {leaf, leaf})], Rational(1, 6));
  EXPECT_EQ(b[t.intern(0, {t.intern(0, {leaf})})], Rational(1, 3));
  // Bushy trees: Euler on y1' = 1, y2' = phi(y1) has the field hD/(e^(hD) - 1) phi: b = B_(k-1) (B_1 = -1/2, B_3 = 0,
  // B_4 = -1/30); tall trees: log(1 + h lambda)/h, b = (-1)^(k-1)/k.
  const Rational bern[] = {Rational(1), Rational(-1, 2), Rational(1, 6), Rational(0), Rational(-1, 30)};
  int tall = leaf;
  for (int k = 1; k <= 5; ++k) {
    EXPECT_EQ(b[t.intern(0, std::vector<int>(k - 1, leaf))], bern[k - 1]) << k;
    EXPECT_EQ(b[tall], Rational(k % 2 ? 1 : -1, k)) << k;
    tall = t.intern(0, {tall});
  }
}

TEST(Series, PartitionedEulerInteractionTerms) {
  // F_0 at rate 1, F_1 at rate 1/2: the h-term of F_1'F_0 is +(1/2)(1)(1/2) = +1/4 for alternating updates (F_0's step
  // first), -1/4 for simultaneous ones (GAME-1's sign).
  TreeTable t(2);
  const int f0 = t.intern(0, {}), f1 = t.intern(1, {});
  const Series alt = log(compose(euler(t, 2, {Rational(1), Rational(0)}), euler(t, 2, {Rational(0), Rational(1, 2)})));
  const Series sim = log(euler(t, 2, {Rational(1), Rational(1, 2)}));
  EXPECT_EQ(alt[t.intern(1, {f0})], Rational(1, 4));
  EXPECT_EQ(sim[t.intern(1, {f0})], Rational(-1, 4));
  EXPECT_EQ(alt[t.intern(0, {f1})], Rational(-1, 4));
}
