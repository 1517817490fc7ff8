// What the game claims share (CLAIMS.md GAME): the built-in games (scalar phi, theta; written as formula losses) and
// the errors of one update and of n updates to time T against the flow of a first-order field.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/ladder_setup.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "theory/games/game.hpp"

#include <cmath>

namespace irverify {

inline constexpr int kGameLevels = 8;
inline const char* scheme_name(GameScheme s) { return s == GameScheme::simultaneous ? "simultaneous" : "alternating"; }

// Bilinear (zero-sum), quadratic (general-sum) and cubic (general-sum) games in (p, q).
template <class S> std::vector<Game<S>> builtin_games() {
  std::vector<Game<S>> v;
  v.push_back(formula_game<S>("bilinear", {"p", "q"}, 1, "p * q", "-(p * q)", {"1", "0.5"}));
  v.push_back(formula_game<S>("quadratic", {"p", "q"}, 1, "0.5 * p^2 + p * q", "q^2 - 2 * p * q", {"1", "-0.5"}));
  v.push_back(formula_game<S>("cubic", {"p", "q"}, 1, "0.5 * p^2 + p * q + 0.2 * p^3",
                              "0.5 * q^2 - 0.5 * p * q + 0.1 * p * q^2 + 0.2 * q^3", {"0.8", "0.6"}));
  return v;
}

// The global error at T of n = T/h updates against the flow of the field with coefficients c.
template <class S>
S game_global_error(const Game<S>& g, const S& alpha, const S& lambda, const S& h, const S& T, GameScheme scheme,
                    const GameDrift<S>& c, const Deadline& deadline) {
  Vec<S> x = g.start;
  const long n = std::lround(to_double(S(T / h)));
  for (long k = 0; k < n; ++k) game_step<S>(g, alpha, lambda, h, scheme, x);
  return S((x - TaylorFlow<S>(game_field<S>(g, alpha, lambda, h, c), deadline).integrate(g.start, h * S(n))).norm());
}

// The local error of one update against the flow of the field for time h.
template <class S>
S game_local_error(const Game<S>& g, const S& alpha, const S& lambda, const S& h, GameScheme scheme, const GameDrift<S>& c,
                   const Deadline& deadline) {
  Vec<S> x = g.start;
  game_step<S>(g, alpha, lambda, h, scheme, x);
  return S((x - TaylorFlow<S>(game_field<S>(g, alpha, lambda, h, c), deadline).integrate(g.start, h)).norm());
}

// The rates: the players' own where the problem gives them, else the claim's.
template <class S> std::pair<S, S> game_rates(const Game<S>& g, const S& alpha, const S& lambda) {
  const auto& p = g.spec.players;
  return {p[0].rate.empty() ? alpha : parse_scalar<S>(p[0].rate), p[1].rate.empty() ? lambda : parse_scalar<S>(p[1].rate)};
}

// A case of a game; the record keeps the game as written (players' losses, parameters, start), the rates and the
// updates per round where not one each.
template <class S> Case game_case(const RunContext& ctx, const Game<S>& g, const std::string& label, const S& alpha, const S& lambda) {
  Case c = new_case<S>(ctx, g.spec, *g.L1, label);
  const nlohmann::json spec = g.spec.to_json();
  nlohmann::json parameters = spec["players"][0]["parameters"];
  for (const auto& n : spec["players"][1]["parameters"]) parameters.push_back(n);
  c.extra["game"] = {{"parameters", parameters}, {"player_1_parameters", g.n_phi()}, {"loss_1", g.spec.players[0].loss},
                     {"loss_2", g.spec.players[1].loss}, {"start", g.spec.theta0}, {"alpha", to_string_full(alpha)},
                     {"lambda", to_string_full(lambda)}};
  if (g.k_phi() != 1 || g.k_theta() != 1) c.extra["game"]["updates"] = {g.k_phi(), g.k_theta()};
  return c;
}

// The first step of the ladder: the problem's h0, else 1/8.
template <class S> S game_h0(const Game<S>& g) { return g.spec.h0.empty() ? S(1) / 8 : parse_scalar<S>(g.spec.h0); }

}  // namespace irverify
