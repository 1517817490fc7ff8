// theory/games/game.hpp in every scalar: on the cubic game the taped field equals the hand formula from the players'
// Hessian blocks, (alpha f, lambda g) - (h/2)(c_ff (d_phi f) f + c_fg (d_theta f) g, c_gg (d_theta g) g + c_gf (d_phi g) f);
// the tables' coefficients; alternating updates use the new phi.
#include "theory/games/game.hpp"

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
