// GAME-1 (CLAIMS.md GAME, derived BEA; Rosca, Wu, Dherin & Barrett, ICML 2021): simultaneous and alternating updates
// with alpha != lambda follow their first-order modified fields (theory/games/game.hpp) with local order 3 and global
// order 2, each interaction term carrying the other player's rate; on the bilinear game with alpha = lambda,
// alternating updates conserve phi^2 + theta^2 - alpha h phi theta to rounding, and simultaneous ones grow
// phi^2 + theta^2 at the modified flow's rate alpha^2 h.
#include "checks/game/game1_drift.hpp"

#include "checks/game/game_setup.hpp"

#include <chrono>

namespace irverify {

namespace game1 {

// alpha = 1, lambda = 1/2; h_k = 2^-3 2^-k; T = 1.
template <class S> Case drift_case(const RunContext& ctx, const Game<S>& g, GameScheme scheme, int levels) {
  const auto t0 = std::chrono::steady_clock::now();
  const S alpha(1), lambda = S(1) / 2, T(1);
  Case c = game_case<S>(ctx, g, fmt::format("{} updates, alpha = 1, lambda = 1/2", scheme_name(scheme)), alpha, lambda);
  const GameDrift<S> flow{S(0), S(0), S(0), S(0)}, drift = game_drift<S>(alpha, lambda, scheme);
  const bool alt = scheme == GameScheme::alternating;
  const GameDrift<S> wrong = game_drift<S>(alpha, lambda, GameScheme::simultaneous, alt ? GameTable::derived : GameTable::no_interaction);
  c.add_series("one update vs the flow of (alpha f, lambda g)", Role::context, 2);
  c.add_series(fmt::format("one update vs the {} modified field", scheme_name(scheme)), Role::claim, 3);
  c.add_series(fmt::format("T/h updates vs the {} modified flow at T = 1", scheme_name(scheme)), Role::claim, 2);
  c.add_series(alt ? "one alternating update vs the simultaneous field (wrong)" : "one update vs the field without interaction terms (wrong)",
               Role::control, 3);
  S h = S(1) / 8;
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    c.add_error(0, game_local_error<S>(g, alpha, lambda, h, scheme, flow, ctx.deadline));
    c.add_error(1, game_local_error<S>(g, alpha, lambda, h, scheme, drift, ctx.deadline));
    c.add_error(2, game_global_error<S>(g, alpha, lambda, h, T, scheme, drift, ctx.deadline));
    c.add_error(3, game_local_error<S>(g, alpha, lambda, h, scheme, wrong, ctx.deadline));
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

template <class S> std::vector<Case> game_drift_cases(const RunContext& ctx, int levels) {
  std::vector<Case> v;
  for (const Game<S>& g : builtin_games<S>())
    for (GameScheme s : {GameScheme::simultaneous, GameScheme::alternating}) v.push_back(game1::drift_case<S>(ctx, g, s, levels));
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
      "g = -grad_theta L2). On the bilinear game with alpha = lambda alternating updates conserve phi^2 + theta^2 - "
      "alpha h phi theta; simultaneous ones grow phi^2 + theta^2 at the modified flow's rate alpha^2 h.";
  c.verdict_rule = fmt::format("Built-in bilinear, quadratic and cubic games in (p, q) from (1, 0.5), (1, -0.5), (0.8, 0.6); alpha = 1, "
      "lambda = 1/2; h_k = 2^-3 2^-k, k < {}; local errors of one update and global errors of T/h updates at T = 1 against "
      "Taylor-series flows (mp50); fitted orders within +-{}; the invariant's drift over 1024 updates within 16 n eps.",
      kGameLevels, kOrderTolerance);
  c.negative_control = "For alternating updates the simultaneous field, for simultaneous ones the field without interaction "
      "terms: local order 3 must be rejected.";
  c.precision = "mp50";
  c.levels = kGameLevels;
  builtin_cases_only(c, "GAME-1 runs on its built-in games (problem files with players are not read yet)",
                     [](auto tag, const RunContext& ctx) { return game_drift_cases<typename decltype(tag)::type>(ctx, ctx.levels); });
  return c;
}());

}  // namespace game1

}  // namespace irverify
