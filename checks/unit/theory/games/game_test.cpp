// theory/games/game.hpp in every scalar: on the cubic game the taped field equals the hand formula from the players'
// Hessian blocks, (alpha f, lambda g) - (h/2)(c_ff (d_phi f) f + c_fg (d_theta f) g, c_gg (d_theta g) g + c_gf (d_phi g) f);
// the tables' coefficients; alternating updates use the new phi.
#include "theory/games/game.hpp"
#include "theory/problem/problem.hpp"
#include "theory/problem/problem_io.hpp"

#include "checks/framework/tolerance.hpp"
#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

using namespace irverify;

template <class S> class GameInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(GameInEveryScalar, ScalarTypes);

TYPED_TEST(GameInEveryScalar, TapedFieldIsTheHandFormula) {
  using S = TypeParam;
  const Game<S> g = formula_game<S>("cubic", {"p", "q"}, 1, "0.5 * p^2 + p * q + 0.2 * p^3",
                                    "0.5 * q^2 - 0.5 * p * q + 0.1 * p * q^2 + 0.2 * q^3", {"0.8", "0.6"});
  const S alpha(1), lambda = S(1) / 2, h = S(1) / 8;
  const Vec<S> x = g.start;
  const Batch one{0};
  const Vec<S> g1 = g.L1->gradient(x, one), g2 = g.L2->gradient(x, one);
  const Mat<S> H1 = g.L1->hessian(x, one), H2 = g.L2->hessian(x, one);
  const S f = -g1(0), gg = -g2(1);
  // d_phi f = -H1(0,0), d_theta f = -H1(0,1), d_theta g = -H2(1,1), d_phi g = -H2(1,0).
  for (GameScheme scheme : {GameScheme::simultaneous, GameScheme::alternating})
    for (GameTable table : {GameTable::derived, GameTable::own_rate, GameTable::no_interaction}) {
      const GameDrift<S> c = game_drift<S>(alpha, lambda, scheme, table);
      const Vec<S> F = evaluate(game_field<S>(g, alpha, lambda, h, c), x);
      const S phi = alpha * f - (h / 2) * (c.ff * (-H1(0, 0)) * f + c.fg * (-H1(0, 1)) * gg);
      const S theta = lambda * gg - (h / 2) * (c.gg * (-H2(1, 1)) * gg + c.gf * (-H2(1, 0)) * f);
      EXPECT_LE(S(abs(F(0) - phi)), tol::ulps<S>(64));
      EXPECT_LE(S(abs(F(1) - theta)), tol::ulps<S>(64));
    }
  const GameDrift<S> alt = game_drift<S>(alpha, lambda, GameScheme::alternating);
  EXPECT_EQ(alt.gf, -lambda * alpha);
  EXPECT_EQ(alt.fg, alpha * lambda);
  EXPECT_EQ(game_drift<S>(alpha, lambda, GameScheme::simultaneous, GameTable::own_rate).fg, alpha * alpha);
  // Alternating: theta's step sees the new phi.
  Vec<S> y = x;
  game_step<S>(g, alpha, lambda, h, GameScheme::alternating, y);
  Vec<S> mid = x;
  mid(0) -= alpha * h * g1(0);
  EXPECT_EQ(y(0), mid(0));
  EXPECT_EQ(y(1), x(1) - lambda * h * g.L2->gradient(mid, one)(1));
}

// k_phi = 2, k_theta = 3 per round: player 1's two updates, then player 2's three on the new phi (alternating) or on
// the round's start (simultaneous); the derived table with rounds is a = k_phi alpha, l = k_theta lambda, c_ff = a alpha,
// c_gg = l lambda, c_fg = a l, c_gf = +-a l.
TYPED_TEST(GameInEveryScalar, RoundsOfSeveralUpdates) {
  using S = TypeParam;
  Game<S> g = formula_game<S>("cubic", {"p", "q"}, 1, "0.5 * p^2 + p * q + 0.2 * p^3",
                              "0.5 * q^2 - 0.5 * p * q + 0.1 * p * q^2 + 0.2 * q^3", {"0.8", "0.6"});
  g.spec.players[0].updates = 2;
  g.spec.players[1].updates = 3;
  const S alpha(1), lambda = S(1) / 2, h = S(1) / 8;
  const Batch one{0};
  for (GameScheme scheme : {GameScheme::simultaneous, GameScheme::alternating}) {
    Vec<S> x = g.start, want = g.start;
    for (int k = 0; k < 2; ++k) want(0) -= alpha * h * g.L1->gradient(want, one)(0);
    Vec<S> y = scheme == GameScheme::alternating ? want : g.start;
    for (int k = 0; k < 3; ++k) y(1) -= lambda * h * g.L2->gradient(y, one)(1);
    want(1) = y(1);
    game_step<S>(g, alpha, lambda, h, scheme, x);
    EXPECT_EQ(x, want);
    const GameDrift<S> c = game_drift<S>(alpha, lambda, scheme, GameTable::derived, 2, 3);
    const S a = S(2) * alpha, l = S(3) * lambda, sign = scheme == GameScheme::simultaneous ? S(1) : S(-1);
    EXPECT_EQ(c.ff, a * alpha);
    EXPECT_EQ(c.gg, l * lambda);
    EXPECT_EQ(c.fg, a * l);
    EXPECT_EQ(c.gf, sign * a * l);
  }
  EXPECT_THROW(game_drift<S>(alpha, lambda, GameScheme::simultaneous, GameTable::own_rate, 2, 1), std::invalid_argument);
}

// A game from a problem file's text: vector players, rates and updates kept; theta0 in the players' order.
TYPED_TEST(GameInEveryScalar, FromProblemText) {
  using S = TypeParam;
  const ProblemSpec s = parse_problem_text(R"({"model": "game", "players": [
      {"parameters": [{"u": 2}], "loss": "u[0] * v + u[1]^2", "rate": "0.25", "updates": 2},
      {"parameters": ["v"], "loss": "-(u[0] * v) + v^2"}], "theta0": ["1", "2", "3"], "h0": "0.0625"})", "t.json");
  const Game<S> g = game_from_spec<S>(s);
  EXPECT_EQ(g.n_phi(), 2);
  EXPECT_EQ(g.k_phi(), 2);
  EXPECT_EQ(g.k_theta(), 1);
  EXPECT_EQ(g.dim(), 3);
  EXPECT_EQ(g.start(2), S(3));
  // grad_u L1 = (v, 2 u1), grad_v L2 = -u0 + 2 v at (1, 2, 3)
  EXPECT_EQ(g.L1->gradient(g.start, Batch{0}), (Vec<S>(3) << S(3), S(4), S(1)).finished());
  EXPECT_EQ(g.L2->gradient(g.start, Batch{0})(2), S(5));
  EXPECT_EQ(parse_problem_text(s.to_json().dump(), "t.json").to_json(), s.to_json());  // round trip
  ProblemSpec not_game = s;
  not_game.model = "formula";
  EXPECT_THROW(game_from_spec<S>(not_game), ProblemError);
  EXPECT_THROW(build_problem<S>(s), ProblemError);  // one loss per player, not one model
}
