// BEA-4 (CLAIMS.md BEA, GAME; Rosca, Wu, Dherin & Barrett, ICML 2021): y = (phi, theta), F_0 = (f, 0), F_1 = (0, g),
// f = -grad_phi L1, g = -grad_theta L2. Alternating updates compose Euler on alpha F_0, then Euler on lambda F_1 (a
// round of k_phi, k_theta updates composes k_phi, then k_theta). In a simultaneous round both players start from the
// round's start y: F_0 moves only phi and F_1 only theta, so the round is E_0^k_phi(y) + E_1^k_theta(y) - y, whose
// series is the sum of the two compositions' on every tree (one update each: Euler on alpha F_0 + lambda F_1). The modified field's h-terms on the trees [•_c]_r (root r, child c),
// F_r' F_c, are GAME-1's -(h/2) c_rc: c_ff on F_0'F_0 = ((d_phi f) f, 0), c_fg on F_0'F_1 = ((d_theta f) g, 0), c_gg on
// F_1'F_1, c_gf on F_1'F_0 (theory/games/game.hpp).
#include "checks/bea/bea4_game_series.hpp"

#include "checks/bea/bea_series.hpp"
#include "checks/framework/game_setup.hpp"

namespace irverify {

namespace bea4 {

using bs::Rational;

constexpr int kOrder = 3;        // trees through 3 nodes: the h-terms, and the h^2 terms printed
constexpr int kTimedOrder = 8;   // the cost table: trees through 8 nodes (24314 of them)

struct Scheme {
  GameScheme scheme;
  int k_phi, k_theta;
};

// The method's series: one update (or round) of the scheme at rates alpha, lambda.
bs::Series method(bs::TreeTable& tab, const Scheme& s, const Rational& alpha, const Rational& lambda) {
  const bs::Series ephi = bs::euler(tab, kOrder, {alpha, Rational(0)}), etheta = bs::euler(tab, kOrder, {Rational(0), lambda});
  auto power = [](bs::Series a, const bs::Series& e, int k) {
    for (int i = 1; i < k; ++i) a = bs::compose(a, e);
    return a;
  };
  const bs::Series aphi = power(ephi, ephi, s.k_phi), atheta = power(etheta, etheta, s.k_theta);
  if (s.scheme == GameScheme::alternating) return bs::compose(aphi, atheta);
  bs::Series a = aphi;
  for (int t : a.trees()) a[t] += atheta[t];
  return a;
}

// GAME-1's coefficients read from the field: the leading rates and c = -2 (h-term coefficient) per tree.
struct Fields {
  Rational rate_phi, rate_theta;
  GameDrift<Rational> c;
};
Fields fields(bs::TreeTable& tab, const bs::Series& b) {
  const int f0 = tab.intern(0, {}), f1 = tab.intern(1, {});
  auto two = [&](int r, int c) { return Rational(-2) * bs::term_coefficient(b, tab.intern(r, {c == 0 ? f0 : f1}), bs::Notation::field); };
  return {b[f0], b[f1], {two(0, 0), two(0, 1), two(1, 1), two(1, 0)}};
}

bool same(const Fields& x, const Rational& rp, const Rational& rt, const GameDrift<Rational>& c) {
  return x.rate_phi == rp && x.rate_theta == rt && x.c.ff == c.ff && x.c.fg == c.fg && x.c.gg == c.gg && x.c.gf == c.gf;
}

std::string text(const Fields& x) {
  return fmt::format("rates ({}, {}); c_ff {}, c_fg {}, c_gg {}, c_gf {}", rational_text(x.rate_phi), rational_text(x.rate_theta),
                     rational_text(x.c.ff), rational_text(x.c.fg), rational_text(x.c.gg), rational_text(x.c.gf));
}

std::string scheme_text(const Scheme& s) {
  return std::string(scheme_name(s.scheme)) + (s.k_phi != 1 || s.k_theta != 1 ? fmt::format(", rounds of {} and {}", s.k_phi, s.k_theta) : "");
}

const std::vector<std::pair<Rational, Rational>>& rates() {
  static const std::vector<std::pair<Rational, Rational>> r = {
      {Rational(1), Rational(1, 2)}, {Rational(2, 3), Rational(5, 4)}, {Rational(1, 4), Rational(3)}, {Rational(1), Rational(1)}};
  return r;
}

const std::vector<Scheme> kSchemes = {{GameScheme::simultaneous, 1, 1}, {GameScheme::alternating, 1, 1},
                                      {GameScheme::simultaneous, 3, 2}, {GameScheme::alternating, 3, 2},
                                      {GameScheme::simultaneous, 4, 1}, {GameScheme::alternating, 4, 1}};

}  // namespace bea4

Case bea_game_exact_case(const RunContext& ctx) {
  using bs::Rational;
  const auto t0 = std::chrono::steady_clock::now();
  Case c = exact_case(ctx, "two-player game (any losses)", "built-in: rooted trees coloured by player",
                      "exact B-series of simultaneous and alternating updates (rational arithmetic)");
  CaseTable table{"GAME-1's coefficients from the B-series: phi' = a f - (h/2)(c_ff (d_phi f) f + c_fg (d_theta f) g), "
                  "theta' = l g - (h/2)(c_gg (d_theta g) g + c_gf (d_phi g) f)",
                  {"scheme", "alpha", "lambda", "from the B-series", "GAME-1 (derived)", "GAME-2 (own rate)"}, {}};
  CaseTable printed{"The modified fields through h^2 (F_0 = (f, 0), F_1 = (0, g); f_r'f_c = F_r' F_c)", {"scheme", "alpha", "lambda", "h^0", "h^1", "h^2"}, {}};
  for (const bea4::Scheme& s : bea4::kSchemes)
    for (const auto& [alpha, lambda] : bea4::rates()) {
      bs::TreeTable tab(2);
      const bs::Series b = bs::log(bea4::method(tab, s, alpha, lambda));
      const bea4::Fields got = bea4::fields(tab, b);
      const GameDrift<Rational> derived = game_drift<Rational>(alpha, lambda, s.scheme, GameTable::derived, s.k_phi, s.k_theta);
      const std::string at = fmt::format("{} updates, alpha = {}, lambda = {}", bea4::scheme_text(s), rational_text(alpha), rational_text(lambda));
      c.state("GAME-1's field (theory/games/game.hpp) is the B-series field: " + at, kHolds,
              outcome_of(bea4::same(got, Rational(s.k_phi) * alpha, Rational(s.k_theta) * lambda, derived)), "exact: " + bea4::text(got));
      std::string own = "-";
      if (s.k_phi == 1 && s.k_theta == 1) {
        const GameDrift<Rational> own_rate = game_drift<Rational>(alpha, lambda, s.scheme, GameTable::own_rate);
        const bool equal = bea4::same(got, alpha, lambda, own_rate);
        c.state("the own-rate table (GAME-2) is the B-series field: " + at, alpha == lambda ? kHolds : kRefuted, outcome_of(equal),
                fmt::format("exact: c_fg {} vs {}, c_gf {} vs {}", rational_text(own_rate.fg), rational_text(got.c.fg),
                            rational_text(own_rate.gf), rational_text(got.c.gf)));
        own = equal ? "equal" : fmt::format("differs: c_fg {}, c_gf {}", rational_text(own_rate.fg), rational_text(own_rate.gf));
      }
      table.rows.push_back({bea4::scheme_text(s), rational_text(alpha), rational_text(lambda), bea4::text(got),
                            bea4::same(got, Rational(s.k_phi) * alpha, Rational(s.k_theta) * lambda, derived) ? "equal" : "differs", own});
      if (alpha != 1 || lambda != Rational(1, 2)) continue;
      printed.rows.push_back({bea4::scheme_text(s), rational_text(alpha), rational_text(lambda), bs::order_text(b, 1, bs::Notation::field),
                              bs::order_text(b, 2, bs::Notation::field), bs::order_text(b, 3, bs::Notation::field)});
    }
  c.tables.push_back(std::move(table));
  c.tables.push_back(std::move(printed));
  // The cost of the algebra on trees coloured by player: the alternating series and its logarithm through N nodes.
  CaseTable cost{"Trees coloured by player through N nodes: the alternating series (a composition) and its logarithm",
                 {"N", "trees", "seconds (compose and log)"}, {}};
  for (int N = 4; N <= bea4::kTimedOrder; ++N) {
    const auto tn = std::chrono::steady_clock::now();
    bs::TreeTable tab(2);
    const bs::Series b = bs::log(bs::compose(bs::euler(tab, N, {Rational(1), Rational(0)}), bs::euler(tab, N, {Rational(0), Rational(1, 2)})));
    cost.rows.push_back({std::to_string(N), std::to_string(b.trees().size()),
                         fmt::format("{:.3f}", std::chrono::duration<double>(std::chrono::steady_clock::now() - tn).count())});
  }
  c.tables.push_back(std::move(cost));
  c.solver = "coloured B-series in exact rationals";
  return finish_case(std::move(c), 0, t0);
}

// GAME-1's local-error ladder on the built-in games, alpha = 1, lambda = 1/2: one update against the flow of the
// B-series field through h (claim: order 3) and of the own-rate table (control: order 2).
template <class S> std::vector<Case> bea_game_ladder_cases(const RunContext& ctx, int levels) {
  std::vector<Case> out;
  const bs::Rational alpha(1), lambda(1, 2);
  for (const Game<S>& g : builtin_games<S>())
    for (const bea4::Scheme& s : {bea4::kSchemes[0], bea4::kSchemes[1]}) {
      const auto t0 = std::chrono::steady_clock::now();
      bs::TreeTable tab(2);
      const bea4::Fields got = bea4::fields(tab, bs::log(bea4::method(tab, s, alpha, lambda)));
      const GameDrift<S> series{to_scalar<S>(got.c.ff), to_scalar<S>(got.c.fg), to_scalar<S>(got.c.gg), to_scalar<S>(got.c.gf)};
      const S a = to_scalar<S>(alpha), l = to_scalar<S>(lambda);
      const GameDrift<S> own = game_drift<S>(a, l, s.scheme, GameTable::own_rate);
      Case c = game_case<S>(ctx, g, fmt::format("{} updates, alpha = 1, lambda = 0.5: GAME-1's ladder with the B-series field",
                                                scheme_name(s.scheme)), a, l);
      c.add_series("one update vs the flow of the B-series field through h", Role::claim, 3);
      c.add_series("one update vs the flow of the own-rate table (GAME-2)", Role::control, 3);
      S h = game_h0<S>(g);
      for (int k = 0; k < levels; ++k, h /= 2) {
        c.add_h(h);
        c.add_error(0, game_local_error<S>(g, a, l, h, s.scheme, series, ctx.deadline));
        c.add_error(1, game_local_error<S>(g, a, l, h, s.scheme, own, ctx.deadline));
      }
      c.solver = "game updates in " + scalar_name<S>() + "; flows: Taylor series";
      out.push_back(finish_case(std::move(c), flow_floor<S>(g.start), t0));
    }
  return out;
}

#define IRVERIFY_INST(S) template std::vector<Case> bea_game_ladder_cases<S>(const RunContext&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace bea4 {

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "BEA-4";
  c.title = "Game updates as partitioned Euler: GAME-1's fields by coloured B-series";
  c.paper = "Hairer, Lubich & Wanner, GNI III.2 and IX (partitioned methods); checks GAME-1/GAME-2 (Rosca, Wu, Dherin & "
            "Barrett, ICML 2021; google-deepmind/discretisation_drift)";
  c.statement = "With trees coloured by player, the logarithm of the simultaneous (Euler on alpha F_0 + lambda F_1) and "
                "alternating (Euler on alpha F_0, then on lambda F_1) series gives GAME-1's fields exactly for every rate pair "
                "tried: c_ff = alpha^2, c_fg = alpha lambda, c_gg = lambda^2, c_gf = +-alpha lambda (each interaction term "
                "with the other player's rate), and rounds of k_phi, k_theta updates (simultaneous and alternating) give "
                "a = k_phi alpha, l = k_theta lambda with self terms a alpha, l lambda; the own-rate table equals it only for "
                "alpha = lambda.";
  c.verdict_rule = fmt::format("Exact rational equality with the suite's table (theory/games/game.hpp instantiated on rationals) for "
                               "rates (1, 1/2), (2/3, 5/4), (1/4, 3), (1, 1); GAME-1's ladder ({} levels, mp50) with the B-series "
                               "field: local order within +-{} of 3 on the built-in games.",
                               kGameLevels, kOrderTolerance);
  c.negative_control = "The own-rate table (GAME-2) must differ exactly for alpha != lambda and lower the local order to 2 in the "
                       "ladder; for alpha = lambda it must equal the B-series field.";
  c.precision = "mp50";
  c.levels = kGameLevels;
  builtin_cases_only(c, "BEA-4 checks the built-in games (exact series are problem-independent; GAME-1 runs problem files)",
                     [](auto tag, const RunContext& ctx) {
                       using S = typename decltype(tag)::type;
                       std::vector<Case> v{bea_game_exact_case(ctx)};
                       for (Case& x : bea_game_ladder_cases<S>(ctx, ctx.levels)) v.push_back(std::move(x));
                       return v;
                     });
  return c;
}());

}  // namespace bea4

}  // namespace irverify
