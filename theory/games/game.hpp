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
// k_phi, k_theta updates per round (player 1 first, each with the other's parameters as they are; simultaneous: both
// from the round's start): the leading rates are a = k_phi alpha, l = k_theta lambda and, matching the expansions of
// the composed Euler steps to h^2, c_ff = k_phi alpha^2 = a^2 / k_phi, c_fg = a l, c_gg = l^2 / k_theta, c_gf = +-a l.
#pragma once

#include "theory/models/model.hpp"
#include "theory/problem/problem_spec.hpp"

#include <memory>
#include <string>
#include <vector>

namespace irverify {

template <class S> struct Game {
  ProblemSpec spec;                  // as written: model "game", its players and theta0
  std::unique_ptr<Model<S>> L1, L2;  // each over the whole x = (phi, theta)
  Vec<S> start;
  int dim() const { return L1->dim(); }
  int n_phi() const { return static_cast<int>(count_of(spec.players[0].parameters)); }  // player 1's parameter count
  int k_phi() const { return spec.players[0].updates; }                                 // updates per round
  int k_theta() const { return spec.players[1].updates; }
};

// The game of a problem spec (model "game", validated; ProblemError names the file).
template <class S> Game<S> game_from_spec(const ProblemSpec& spec);
// A game of formula losses over scalar parameters, the first n_phi of them player 1's (theory/formula syntax).
template <class S>
Game<S> formula_game(const std::string& name, const std::vector<std::string>& parameters, int n_phi, const std::string& loss1,
                     const std::string& loss2, const std::vector<std::string>& start);

// The coefficients of the first-order field above (the rates included).
template <class S> struct GameDrift {
  S ff, fg, gg, gf;
};
enum class GameScheme { simultaneous, alternating };
enum class GameTable { derived, own_rate, no_interaction };
// own_rate is stated for one update per player (std::invalid_argument otherwise).
template <class S>
GameDrift<S> game_drift(const S& alpha, const S& lambda, GameScheme scheme, GameTable table = GameTable::derived, int k_phi = 1,
                        int k_theta = 1);

// The field (k_phi alpha f, k_theta lambda g) - (h/2)(...) on a tape (h = 0: the game's flow).
template <class S> Program<S> game_field(const Game<S>& g, const S& alpha, const S& lambda, const S& h, const GameDrift<S>& c);

// One round of the scheme at x (k_phi and k_theta updates).
template <class S> void game_step(const Game<S>& g, const S& alpha, const S& lambda, const S& h, GameScheme scheme, Vec<S>& x);

}  // namespace irverify
