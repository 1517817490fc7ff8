// GAME-2 (CLAIMS.md GAME): the own-rate coefficient table against game updates, global error at T = 1: order 1 with
// alpha != lambda (refuted as an O(h^2) flow), order 2 with alpha = lambda (where the tables coincide). Controls: the
// simultaneous field for alternating updates, the field without interaction terms.
#include "checks/game/game2_own_rate.hpp"

#include "checks/framework/game_setup.hpp"

#include <chrono>

namespace irverify {

namespace game2 {

// Where the table comes from (CLAIMS.md's reading of the public code, checked against the file's text).
inline constexpr const char* kSource =
    "google-deepmind/discretisation_drift, dd_two_player_games/drift_utils.py, get_dd_coeffs: for simultaneous updates "
    "every player's coefficients are its own rate (self_norm = other_dot_prod = lr/2), the table's simultaneous row. For "
    "alternating updates that file gives the second player other_dot_prod = -(1/2) lr2 (2 lr1/lr2 - 1), which under the "
    "simultaneous entries' map is c_gf = -lambda (2 alpha - lambda), not the -lambda^2 checked here: the alternating row "
    "is CLAIMS.md's own-rate table, not the file's";

template <class S>
Case own_rate_case(const RunContext& ctx, const Game<S>& g, GameScheme scheme, const S& alpha, const S& lambda, int levels) {
  const auto t0 = std::chrono::steady_clock::now();
  const S T(1);
  const bool equal = lambda == alpha, alt = scheme == GameScheme::alternating;
  Case c = game_case<S>(ctx, g, fmt::format("{} updates, alpha = {}, lambda = {}", scheme_name(scheme), to_string_full(alpha),
                                            to_string_full(lambda)), alpha, lambda);
  std::vector<GameDrift<S>> fields{game_drift<S>(alpha, lambda, scheme), game_drift<S>(alpha, lambda, scheme, GameTable::own_rate)};
  c.add_series("T/h updates vs the derived field's flow (GAME-1)", Role::context, 2);
  c.add_series(equal ? "T/h updates vs the own-rate table's flow, alpha = lambda (the tables coincide)"
                     : "T/h updates vs the own-rate table's flow, alpha != lambda",
               equal ? Role::claim : Role::control, 2);
  if (!equal) {
    fields.push_back(game_drift<S>(alpha, lambda, scheme, GameTable::no_interaction));
    c.add_series("T/h updates vs the field without interaction terms (wrong)", Role::control, 2);
    if (alt) {
      fields.push_back(game_drift<S>(alpha, lambda, GameScheme::simultaneous));
      c.add_series("T/h alternating updates vs the simultaneous field (wrong)", Role::control, 2);
    }
  }
  S h = game_h0<S>(g);
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    for (std::size_t i = 0; i < fields.size(); ++i)
      c.add_error(i, game_global_error<S>(g, alpha, lambda, h, T, scheme, fields[i], ctx.deadline));
  }
  c.extra["table_source"] = kSource;
  c.solver = "game updates in " + scalar_name<S>() + "; flows: Taylor series";
  return finish_case(std::move(c), flow_floor<S>(g.start), t0);
}

}  // namespace game2

// Both schemes at the game's rates (default alpha = 1, lambda = 1/2) and, if they differ, at lambda = alpha.
template <class S> std::vector<Case> game_own_rate_cases(const RunContext& ctx, const Game<S>& g, int levels) {
  std::vector<Case> v;
  const auto [alpha, lambda] = game_rates<S>(g, S(1), S(1) / 2);
  for (GameScheme s : {GameScheme::simultaneous, GameScheme::alternating}) {
    v.push_back(game2::own_rate_case<S>(ctx, g, s, alpha, lambda, levels));
    if (lambda != alpha) v.push_back(game2::own_rate_case<S>(ctx, g, s, alpha, alpha, levels));
  }
  return v;
}

template <class S> std::vector<Case> game_own_rate_cases(const RunContext& ctx, int levels) {
  std::vector<Case> v;
  for (const Game<S>& g : builtin_games<S>())
    for (Case& c : game_own_rate_cases<S>(ctx, g, levels)) v.push_back(std::move(c));
  return v;
}

#define IRVERIFY_INST(S) template std::vector<Case> game_own_rate_cases<S>(const RunContext&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace game2 {  // the claim's registration

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "GAME-2";
  c.title = "The own-rate coefficient table of game drift";
  c.paper = std::string("Rosca, Wu, Dherin & Barrett, ICML 2021 (the theorem's display not read); the table: ") + kSource;
  c.statement = "The first-order field with each player's own rate in the interaction term, phi' = alpha f - (h/2)(alpha^2 "
      "(d_phi f) f + alpha^2 (d_theta f) g), theta' = lambda g - (h/2)(lambda^2 (d_theta g) g +- lambda^2 (d_phi g) f) "
      "(+ simultaneous, - alternating), approximates game updates to O(h^2) at fixed T only when alpha = lambda; with "
      "alpha != lambda its error is O(h) (the statement 'O(h^2)' is refuted on every built-in game and both schemes).";
  c.verdict_rule = fmt::format("The built-in games of GAME-1 (one update per round), or the games of problem files; alpha = 1, "
      "lambda = 1/2 unless the players give rates, and lambda = alpha; h_k = h0 2^-k, h0 = 2^-3 unless the file gives h0, k < {}; global errors "
      "of T/h updates at T = 1 against Taylor-series flows (mp50); fitted orders within +-{} of 2.",
      kGameLevels, kOrderTolerance);
  c.negative_control = "With alpha != lambda: the field without interaction terms, and for alternating updates the "
      "simultaneous field: order 2 must be rejected.";
  c.precision = "mp50";
  c.levels = kGameLevels;
  c.games = true;
  c.not_applicable = [](const ProblemSpec& s) {
    if (s.players.size() == 2 && (s.players[0].updates != 1 || s.players[1].updates != 1))
      return std::string("the own-rate table is stated for one update per player and round");
    return requires_smooth(s);
  };
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& spec) {
    using S = typename decltype(tag)::type;
    return game_own_rate_cases<S>(ctx, game_from_spec<S>(spec), ctx.levels);
  });
  builtin_cases(c, [](auto tag, const RunContext& ctx) { return game_own_rate_cases<typename decltype(tag)::type>(ctx, ctx.levels); });
  return c;
}());

}  // namespace game2

}  // namespace irverify
