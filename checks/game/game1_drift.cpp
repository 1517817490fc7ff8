// GAME-1 (CLAIMS.md GAME, derived BEA; Rosca, Wu, Dherin & Barrett, ICML 2021): simultaneous and alternating updates
// with alpha != lambda follow their first-order modified fields (theory/games/game.hpp) with local order 3 and global
// order 2, each interaction term carrying the other player's rate; on the bilinear game with alpha = lambda,
// alternating updates conserve phi^2 + theta^2 - alpha h phi theta to rounding, and simultaneous ones grow
// phi^2 + theta^2 at the modified flow's rate alpha^2 h.
#include "checks/game/game1_drift.hpp"

#include "checks/framework/game_setup.hpp"

#include <chrono>

namespace irverify {

namespace game1 {

// The rates of the game (default alpha = 1, lambda = 1/2); h_k = h0 2^-k (h0 = 1/8 unless the game says); T = 1.
template <class S> Case drift_case(const RunContext& ctx, const Game<S>& g, GameScheme scheme, int levels) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto [alpha, lambda] = game_rates<S>(g, S(1), S(1) / 2);
  const S T(1);
  const bool alt = scheme == GameScheme::alternating, rounds = g.k_phi() != 1 || g.k_theta() != 1;
  Case c = game_case<S>(ctx, g, fmt::format("{} updates, alpha = {}, lambda = {}{}", scheme_name(scheme), to_string_full(alpha),
                                            to_string_full(lambda), rounds ? fmt::format(", {} and {} per round", g.k_phi(), g.k_theta()) : ""),
                        alpha, lambda);
  const GameDrift<S> flow{S(0), S(0), S(0), S(0)}, drift = game_drift<S>(alpha, lambda, scheme, GameTable::derived, g.k_phi(), g.k_theta());
  // The wrong fields: alternating updates with the simultaneous field, simultaneous ones without interaction terms,
  // several updates per round as one update at the round's rates (k_phi alpha, k_theta lambda).
  std::vector<std::pair<std::string, GameDrift<S>>> wrong;
  if (alt) wrong.push_back({"one alternating update vs the simultaneous field (wrong)",
                            game_drift<S>(alpha, lambda, GameScheme::simultaneous, GameTable::derived, g.k_phi(), g.k_theta())});
  else wrong.push_back({"one update vs the field without interaction terms (wrong)",
                        game_drift<S>(alpha, lambda, scheme, GameTable::no_interaction, g.k_phi(), g.k_theta())});
  if (rounds) wrong.push_back({"one round vs the field of one update at rates (k_phi alpha, k_theta lambda) (wrong)",
                               game_drift<S>(S(g.k_phi()) * alpha, S(g.k_theta()) * lambda, scheme)});
  const char* one = rounds ? "one round" : "one update";  // a round: k_phi then k_theta updates
  c.add_series(rounds ? "one round vs the flow of (k_phi alpha f, k_theta lambda g)" : "one update vs the flow of (alpha f, lambda g)",
               Role::context, 2);
  c.add_series(fmt::format("{} vs the {} modified field", one, scheme_name(scheme)), Role::claim, 3);
  c.add_series(fmt::format("T/h {} vs the {} modified flow at T = 1", rounds ? "rounds" : "updates", scheme_name(scheme)), Role::claim, 2);
  for (const auto& w : wrong) c.add_series(w.first, Role::control, 3);
  S h = game_h0<S>(g);
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    c.add_error(0, game_local_error<S>(g, alpha, lambda, h, scheme, flow, ctx.deadline));
    c.add_error(1, game_local_error<S>(g, alpha, lambda, h, scheme, drift, ctx.deadline));
    c.add_error(2, game_global_error<S>(g, alpha, lambda, h, T, scheme, drift, ctx.deadline));
    for (std::size_t i = 0; i < wrong.size(); ++i) c.add_error(3 + i, game_local_error<S>(g, alpha, lambda, h, scheme, wrong[i].second, ctx.deadline));
  }
  c.solver = "game updates in " + scalar_name<S>() + "; flows: Taylor series";
  return finish_case(std::move(c), flow_floor<S>(g.start), t0);
}

// The bilinear game L1 = p q = -L2 with alpha = lambda = 1: alternating updates conserve Q = p^2 + q^2 - h p q (its
// largest drift over 1024 updates against 16 eps Q0 per update); simultaneous updates multiply p^2 + q^2 by
// 1 + h^2 per update, the modified flow's rate alpha^2 h to O(h^2) relative.
template <class S> Case invariant_case(const RunContext& ctx, int levels) {
  using std::abs;
  using std::log;
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Game<S>> games = builtin_games<S>();
  const Game<S>& g = games[0];
  const S one(1), T(1);
  Case c = game_case<S>(ctx, g, "bilinear, alpha = lambda = 1: the invariant and the growth", one, one);
  c.add_series("|growth rate of p^2 + q^2 under simultaneous updates / (alpha^2 h) - 1|", Role::claim, 2);
  CaseTable tab{"Alternating updates: the largest |Q_n - Q_0| over 1024 updates, Q = p^2 + q^2 - h p q",
                {"h", "max |Q_n - Q_0| / Q_0", "in units of eps", "bound 16 n eps"}, {}};
  bool conserved = true;
  double worst = 0;
  S h = S(1) / 8;
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    auto Q = [&](const Vec<S>& x) { return S(x(0) * x(0) + x(1) * x(1) - h * x(0) * x(1)); };
    Vec<S> x = g.start;
    const S Q0 = Q(x);
    S drift(0);
    const long n = 1024;
    for (long j = 0; j < n; ++j) {
      game_step<S>(g, one, one, h, GameScheme::alternating, x);
      drift = std::max(drift, S(abs(Q(x) - Q0) / Q0));
    }
    const S bound = S(16 * n) * eps<S>();
    conserved = conserved && drift <= bound;
    worst = std::max(worst, to_double(S(drift / eps<S>())));
    tab.rows.push_back({to_string_full(h), fmt::format("{:.3e}", to_double(drift)), fmt::format("{:.1f}", to_double(S(drift / eps<S>()))),
                        fmt::format("{:.3e}", to_double(bound))});
    Vec<S> y = g.start;
    const long m = std::lround(to_double(S(T / h)));
    for (long j = 0; j < m; ++j) game_step<S>(g, one, one, h, GameScheme::simultaneous, y);
    const S rate = log(S(y.squaredNorm() / g.start.squaredNorm())) / (h * S(m));  // per unit time
    c.add_error(0, S(abs(rate / h - 1)));
  }
  c.tables.push_back(std::move(tab));
  c.state("alternating updates with alpha = lambda conserve p^2 + q^2 - alpha h p q to rounding", kHolds, outcome_of(conserved),
          fmt::format("largest drift {:.1f} eps over 1024 updates (bound 16 n eps)", worst));
  c.solver = "game updates in " + scalar_name<S>();
  return finish_case(std::move(c), to_double(S(64 * eps<S>())), t0);
}

}  // namespace game1

template <class S> std::vector<Case> game_drift_cases(const RunContext& ctx, const Game<S>& g, int levels) {
  std::vector<Case> v;
  for (GameScheme s : {GameScheme::simultaneous, GameScheme::alternating}) v.push_back(game1::drift_case<S>(ctx, g, s, levels));
  return v;
}

// The built-in games, the cubic one again with 3 updates of player 1 and 2 of player 2 per round, and the invariant.
template <class S> std::vector<Case> game_drift_cases(const RunContext& ctx, int levels) {
  std::vector<Case> v;
  std::vector<Game<S>> games = builtin_games<S>();
  ProblemSpec rounds = games.back().spec;
  rounds.players[0].updates = 3;
  rounds.players[1].updates = 2;
  games.push_back(game_from_spec<S>(rounds));
  for (const Game<S>& g : games)
    for (Case& c : game_drift_cases<S>(ctx, g, levels)) v.push_back(std::move(c));
  v.push_back(game1::invariant_case<S>(ctx, levels));
  return v;
}

#define IRVERIFY_INST(S) template std::vector<Case> game_drift_cases<S>(const RunContext&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace game1 {  // the claim's registration

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "GAME-1";
  c.title = "Discretization drift of two-player games: simultaneous and alternating updates";
  c.paper = "Rosca, Wu, Dherin & Barrett, Discretization Drift in Two-Player Games, ICML 2021; the fields derived in CLAIMS.md GAME-1";
  c.statement = "With rates alpha h, lambda h (alpha != lambda), simultaneous updates follow phi' = alpha f - (h/2)(alpha^2 "
      "(d_phi f) f + alpha lambda (d_theta f) g), theta' = lambda g - (h/2)(lambda^2 (d_theta g) g + lambda alpha (d_phi g) f), "
      "alternating ones the same with -lambda alpha (d_phi g) f, at local order 3 and global order 2 (f = -grad_phi L1, "
      "g = -grad_theta L2); with k_phi, k_theta updates per round the rates are k_phi alpha, k_theta lambda and the self "
      "terms carry k_phi alpha^2, k_theta lambda^2. On the bilinear game with alpha = lambda alternating updates conserve phi^2 + theta^2 - "
      "alpha h phi theta; simultaneous ones grow phi^2 + theta^2 at the modified flow's rate alpha^2 h.";
  c.verdict_rule = fmt::format("Built-in bilinear, quadratic and cubic games in (p, q) from (1, 0.5), (1, -0.5), (0.8, 0.6), the cubic "
      "one also with 3 and 2 updates per round, or the games of problem files (model \"game\"); alpha = 1, lambda = 1/2 unless "
      "the players give rates; h_k = h0 2^-k, h0 = 2^-3 unless the file gives h0, k < {}; local errors of one round and "
      "global errors of T/h rounds at T = 1 against Taylor-series flows (mp50); fitted orders within +-{}; the invariant's "
      "drift over 1024 updates within 16 n eps.",
      kGameLevels, kOrderTolerance);
  c.negative_control = "For alternating updates the simultaneous field, for simultaneous ones the field without interaction "
      "terms, and for several updates per round the field of one update at the round's rates (k_phi alpha, k_theta lambda): "
      "local order 3 must be rejected.";
  c.precision = "mp50";
  c.levels = kGameLevels;
  c.games = true;
  c.not_applicable = requires_smooth;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& spec) {
    using S = typename decltype(tag)::type;
    return game_drift_cases<S>(ctx, game_from_spec<S>(spec), ctx.levels);
  });
  builtin_cases(c, [](auto tag, const RunContext& ctx) { return game_drift_cases<typename decltype(tag)::type>(ctx, ctx.levels); });
  return c;
}());

}  // namespace game1

}  // namespace irverify
