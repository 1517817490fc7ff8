// Two-player games (CLAIMS.md GAME; Rosca, Wu, Dherin & Barrett, ICML 2021): player 1 moves phi (the first n_phi
// coordinates of x = (phi, theta)) to decrease L1, player 2 moves theta to decrease L2, with rates alpha h and
// lambda h:
//   simultaneous: phi' = phi - alpha h grad_phi L1(phi, theta),  theta' = theta - lambda h grad_theta L2(phi, theta);
//   alternating:  the same phi', then theta' = theta - lambda h grad_theta L2(phi', theta).
// f = -grad_phi L1, g = -grad_theta L2. Backward error analysis to first order in h (CLAIMS.md GAME-1):
//   phi'   = alpha f  - (h/2) (c_ff (d_phi f) f + c_fg (d_theta f) g),
//   theta' = lambda g - (h/2) (c_gg (d_theta g) g + c_gf (d_phi g) f),
// simultaneous: c_ff = alpha^2, c_fg = alpha lambda, c_gg = lambda^2, c_gf = lambda alpha; alternating: c_gf = -lambda
// alpha (in loss form each interaction term carries the other player's rate). GAME-2's table puts each player's own rate:
// c_fg = alpha^2, c_gf = +-lambda^2.
#pragma once

#include "theory/models/model.hpp"

#include <memory>
#include <string>
#include <vector>

namespace irverify {

template <class S> struct Game {
  std::string name;
  std::unique_ptr<Model<S>> L1, L2;  // each over the whole x = (phi, theta)
  int n_phi = 0;
  Vec<S> start;
  std::vector<std::string> parameters, start_text;  // as written
  std::string loss1, loss2;
  int dim() const { return L1->dim(); }
};

// A game of formula losses over named parameters, the first n_phi of them player 1's (theory/formula syntax).
template <class S>
Game<S> formula_game(const std::string& name, const std::vector<std::string>& parameters, int n_phi, const std::string& loss1,
                     const std::string& loss2, const std::vector<std::string>& start);

// The coefficients of the first-order field above (the rates included).
template <class S> struct GameDrift {
  S ff, fg, gg, gf;
};
enum class GameScheme { simultaneous, alternating };
enum class GameTable { derived, own_rate, no_interaction };
template <class S> GameDrift<S> game_drift(const S& alpha, const S& lambda, GameScheme scheme, GameTable table = GameTable::derived);

// The field (alpha f, lambda g) - (h/2)(...) on a tape (h = 0: the game's flow).
template <class S> Program<S> game_field(const Game<S>& g, const S& alpha, const S& lambda, const S& h, const GameDrift<S>& c);

// One update of the scheme at x.
template <class S> void game_step(const Game<S>& g, const S& alpha, const S& lambda, const S& h, GameScheme scheme, Vec<S>& x);

}  // namespace irverify
