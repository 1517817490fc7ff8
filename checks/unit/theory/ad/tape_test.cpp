// theory/ad/tape.hpp: operations on constants fold and identities (x + 0, x * 1, x * 0) record nothing; operands from
// two tapes and replays with the wrong number of inputs are refused; jvp and jvp2 give the first and second derivatives
// of every operation (+ - * /, tanh, exp, log, 1/a, relu, step) against their closed forms, in every scalar.
#include "theory/ad/tape.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/expect_near.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Tape, ConstantsFoldAndIdentitiesRecordNothing) {
  Tape<double> t;
  const Var<double> x(&t, t.add_input()), y(&t, t.add_input());
  ASSERT_EQ(t.nodes().size(), 2u);
  EXPECT_EQ(t.num_inputs(), 2u);
  EXPECT_EQ((x + 0.0).index, x.index);
  EXPECT_EQ((0.0 + x).index, x.index);
  EXPECT_EQ((x * 1.0).index, x.index);
  EXPECT_TRUE((x * 0.0).is_zero());
  EXPECT_TRUE((0.0 * y).is_zero());
  const Var<double> c = Var<double>(2.0) * Var<double>(3.0) + Var<double>(1.0);
  EXPECT_TRUE(c.is_constant());
  EXPECT_EQ(c.value, 7.0);
  EXPECT_EQ(tanh(Var<double>(0.5)).value, std::tanh(0.5));
  EXPECT_EQ(exp(Var<double>(0.5)).value, std::exp(0.5));
  EXPECT_EQ(log(Var<double>(0.5)).value, std::log(0.5));
  EXPECT_EQ(recip(Var<double>(4.0)).value, 0.25);
  EXPECT_EQ(relu(Var<double>(-1.0)).value, 0.0);
  EXPECT_EQ(step(Var<double>(2.0)).value, 1.0);
  EXPECT_EQ((Var<double>(1.0) / Var<double>(4.0)).value, 0.25);
  EXPECT_EQ(t.nodes().size(), 2u) << "constant work recorded";
  // Division by a constant is one multiplication by its reciprocal; a - b of Vars one node.
  const Var<double> q = x / 4.0;
  EXPECT_EQ(t.nodes()[q.index].op, Tape<double>::Op::MulC);
  EXPECT_EQ(t.nodes()[q.index].c, 0.25);
  EXPECT_EQ(t.nodes()[(x - y).index].op, Tape<double>::Op::Sub);
  // Plain scalars: relu and step for generic model code.
  EXPECT_EQ(relu(-2.0), 0.0);
  EXPECT_EQ(relu(3.0), 3.0);
  EXPECT_EQ(step(0.0), 0.0);
  EXPECT_EQ(step(1e-300), 1.0);
}

TEST(Tape, OperandsOfTwoTapesAndWrongInputCountsAreRefused) {
  Tape<double> a, b;
  const Var<double> x(&a, a.add_input()), y(&b, b.add_input());
  EXPECT_THROW(x + y, std::logic_error);
  EXPECT_THROW(x * y, std::logic_error);
  EXPECT_THROW(x - y, std::logic_error);
  EXPECT_THROW(replay(a, {}), std::invalid_argument);
  EXPECT_THROW(replay(a, {Var<double>(1.0), Var<double>(2.0)}), std::invalid_argument);
  const std::vector<Var<double>> v = replay(a, {Var<double>(1.0)});
  EXPECT_THROW(jvp(a, v, {}), std::invalid_argument);
}

template <class S> class TapeInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(TapeInEveryScalar, ScalarTypes);

// f(x) = tanh(x) e^x + log(x) / x - 3 x^2 + relu(x) + step(x) at x0 > 0, recorded once; its value (replay on a
// constant), f'(x0) (jvp) and f''(x0) (jvp2) against the closed forms
//   (t e^x)' = e^x (t' + t),  (t e^x)'' = e^x (t'' + 2 t' + t),  t' = 1 - t^2,  t'' = -2 t t';
//   (log x / x)' = (1 - log x) / x^2,  (log x / x)'' = (2 log x - 3) / x^3;  relu' = 1, relu'' = step' = 0 (x > 0).
TYPED_TEST(TapeInEveryScalar, JvpAndJvp2AreTheFirstAndSecondDerivatives) {
  using S = TypeParam;
  using std::abs;
  using std::exp;
  using std::log;
  using std::tanh;
  Tape<S> t;
  const Var<S> x(&t, t.add_input());
  const Var<S> f = tanh(x) * exp(x) + log(x) / x - S(3) * (x * x) + relu(x) + step(x);
  for (const S& x0 : {S(3) / 4, S(2), S(1) / 8}) {
    const std::vector<Var<S>> v = replay(t, {Var<S>(x0)});
    const std::vector<Var<S>> d = jvp(t, v, {Var<S>(S(1))});
    const std::vector<Var<S>> d2 = jvp2(t, v, d);
    const S th = tanh(x0), t1 = 1 - th * th, t2 = -2 * th * t1, e = exp(x0), l = log(x0);
    const S f0 = th * e + l / x0 - 3 * x0 * x0 + x0 + 1;
    const S f1 = e * (t1 + th) + (1 - l) / (x0 * x0) - 6 * x0 + 1;
    const S f2 = e * (t2 + 2 * t1 + th) + (2 * l - 3) / (x0 * x0 * x0) - 6;
    // A few dozen operations, each rounded once: 64 ulps of the largest term.
    const S scale = std::max({S(1), S(abs(f0)), S(abs(f1)), S(abs(f2)), S(1) / (x0 * x0 * x0)});
    EXPECT_SCALAR_NEAR(v[f.index].value, f0, S(0), S(tol::ulps<S>(64) * scale)) << to_double(x0);
    EXPECT_SCALAR_NEAR(d[f.index].value, f1, S(0), S(tol::ulps<S>(64) * scale)) << to_double(x0);
    EXPECT_SCALAR_NEAR(d2[f.index].value, f2, S(0), S(tol::ulps<S>(64) * scale)) << to_double(x0);
  }
  // Below zero relu and step are flat: f' and f'' of relu(x) + step(x) vanish.
  Tape<S> u;
  const Var<S> z(&u, u.add_input());
  const Var<S> g = relu(z) + step(z) * z;
  const std::vector<Var<S>> w = replay(u, {Var<S>(S(-1) / 2)});
  const std::vector<Var<S>> dw = jvp(u, w, {Var<S>(S(1))});
  EXPECT_EQ(w[g.index].value, S(0));
  EXPECT_EQ(dw[g.index].value, S(0));
}

// f(x) = sqrt(x) + sin(x) cos(x) = sqrt(x) + sin(2x)/2:  f' = 1/(2 sqrt x) + cos 2x,  f'' = -1/(4 x^(3/2)) - 2 sin 2x.
TYPED_TEST(TapeInEveryScalar, SqrtSinCosJvpAndJvp2) {
  using S = TypeParam;
  using std::cos;
  using std::sin;
  using std::sqrt;
  Tape<S> t;
  const Var<S> x(&t, t.add_input());
  const Var<S> f = sqrt(x) + sin(x) * cos(x);
  for (const S& x0 : {S(3) / 4, S(2), S(1) / 8}) {
    const std::vector<Var<S>> v = replay(t, {Var<S>(x0)});
    const std::vector<Var<S>> d = jvp(t, v, {Var<S>(S(1))});
    const std::vector<Var<S>> d2 = jvp2(t, v, d);
    const S r = sqrt(x0);
    const S scale = std::max(S(1), S(1) / (x0 * r));  // 64 ulps of the largest term
    EXPECT_SCALAR_NEAR(v[f.index].value, S(r + sin(S(2 * x0)) / 2), S(0), S(tol::ulps<S>(64) * scale));
    EXPECT_SCALAR_NEAR(d[f.index].value, S(1 / (2 * r) + cos(S(2 * x0))), S(0), S(tol::ulps<S>(64) * scale));
    EXPECT_SCALAR_NEAR(d2[f.index].value, S(-1 / (4 * x0 * r) - 2 * sin(S(2 * x0))), S(0), S(tol::ulps<S>(64) * scale));
  }
}
