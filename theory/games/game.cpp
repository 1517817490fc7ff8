#include "theory/games/game.hpp"

#include "theory/bseries/series.hpp"
#include "theory/problem/problem.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace irverify {

namespace {
template <class S> using Vars = std::vector<Var<S>>;
}  // namespace

template <class S> Game<S> game_from_spec(const ProblemSpec& spec) {
  validate(spec);
  if (!spec.is_game()) problem_error(spec, fmt::format("model '{}' is not a game (model \"game\" with players)", spec.model));
  Game<S> g;
  g.spec = spec;
  Problem<S> p1 = build_problem<S>(player_problem(spec, 0));
  g.L1 = std::move(p1.model);
  g.start = std::move(p1.theta0);
  g.L2 = std::move(build_problem<S>(player_problem(spec, 1)).model);
  return g;
}

template <class S>
Game<S> formula_game(const std::string& name, const std::vector<std::string>& parameters, int n_phi, const std::string& loss1,
                     const std::string& loss2, const std::vector<std::string>& start) {
  if (n_phi < 1 || n_phi >= static_cast<int>(parameters.size()))
    throw std::invalid_argument("formula_game: each player needs a parameter");
  ProblemSpec s;
  s.name = name;
  s.model = "game";
  s.origin = "built-in game";
  s.players.resize(2);
  for (int i = 0; i < static_cast<int>(parameters.size()); ++i) s.players[i < n_phi ? 0 : 1].parameters.push_back({parameters[i], 0});
  s.players[0].loss = loss1;
  s.players[1].loss = loss2;
  s.theta0 = start;
  return game_from_spec<S>(s);
}

template <class S>
GameDrift<S> game_drift(const S& alpha, const S& lambda, GameScheme scheme, GameTable table, int k_phi, int k_theta) {
  const S sign = scheme == GameScheme::simultaneous ? S(1) : S(-1), a = S(k_phi) * alpha, l = S(k_theta) * lambda;
  switch (table) {
    case GameTable::derived: return {a * alpha, a * l, l * lambda, sign * l * a};
    case GameTable::own_rate:
      if (k_phi != 1 || k_theta != 1) throw std::invalid_argument("game_drift: the own-rate table is stated for one update per player");
      return {alpha * alpha, alpha * alpha, lambda * lambda, sign * lambda * lambda};
    case GameTable::no_interaction: return {a * alpha, S(0), l * lambda, S(0)};
  }
  throw std::logic_error("game_drift: unknown table");
}

template <class S> Program<S> game_field(const Game<S>& g, const S& alpha, const S& lambda, const S& h, const GameDrift<S>& c) {
  const int n = g.dim(), np = g.n_phi();
  const Batch one{0};
  const Program<S> p1 = g.L1->gradient_program(one), p2 = g.L2->gradient_program(one);
  Program<S> out;
  const Vars<S> x = out.make_inputs(n);
  const Vars<S> v1 = replay(*p1.tape, x), v2 = replay(*p2.tape, x);
  // F = (f, g) = (-grad_phi L1, -grad_theta L2), and its derivative along a direction (forward mode on both tapes).
  auto field = [&](const Vars<S>& n1, const Vars<S>& n2, bool derivative) {
    Vars<S> F(n);
    for (int i = 0; i < n; ++i) {
      const Program<S>& p = i < np ? p1 : p2;
      const Vars<S>& nodes = i < np ? n1 : n2;
      F[i] = -(derivative ? map_output_derivative(p.outputs[i], nodes) : map_output(p.outputs[i], nodes));
    }
    return F;
  };
  const Vars<S> F = field(v1, v2, false);
  Vars<S> fdir(n, Var<S>(S(0))), gdir(n, Var<S>(S(0)));  // (f, 0) and (0, g)
  for (int i = 0; i < n; ++i) (i < np ? fdir : gdir)[i] = F[i];
  const Vars<S> Jf = field(jvp(*p1.tape, v1, fdir), jvp(*p2.tape, v2, fdir), true);
  const Vars<S> Jg = field(jvp(*p1.tape, v1, gdir), jvp(*p2.tape, v2, gdir), true);
  out.outputs.resize(n);
  for (int i = 0; i < n; ++i)
    out.outputs[i] = i < np ? S(g.k_phi()) * alpha * F[i] - (h / 2) * (c.ff * Jf[i] + c.fg * Jg[i])
                            : S(g.k_theta()) * lambda * F[i] - (h / 2) * (c.gg * Jg[i] + c.gf * Jf[i]);
  return out;
}

template <class S> void game_step(const Game<S>& g, const S& alpha, const S& lambda, const S& h, GameScheme scheme, Vec<S>& x) {
  const Batch one{0};
  const int np = g.n_phi(), nt = g.dim() - np;
  const Vec<S> x0 = x;  // the round's start (simultaneous: each player sees the other's parameters there)
  for (int k = 0; k < g.k_phi(); ++k) x.head(np) -= (alpha * h) * g.L1->gradient(x, one).head(np);
  Vec<S> y = scheme == GameScheme::simultaneous ? x0 : x;
  for (int k = 0; k < g.k_theta(); ++k) y.tail(nt) -= (lambda * h) * g.L2->gradient(y, one).tail(nt);
  x.tail(nt) = y.tail(nt);
}

#define IRVERIFY_INST(S)                                                                                                      \
  template Game<S> formula_game<S>(const std::string&, const std::vector<std::string>&, int, const std::string&,              \
                                   const std::string&, const std::vector<std::string>&);                                     \
  template Game<S> game_from_spec<S>(const ProblemSpec&);                                                                    \
  template GameDrift<S> game_drift<S>(const S&, const S&, GameScheme, GameTable, int, int);                                            \
  template Program<S> game_field<S>(const Game<S>&, const S&, const S&, const S&, const GameDrift<S>&);                      \
  template void game_step<S>(const Game<S>&, const S&, const S&, const S&, GameScheme, Vec<S>&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST
// The table in exact rationals, for the B-series proof-check (checks/bea/bea4_game_series.cpp).
template GameDrift<bseries::Rational> game_drift<bseries::Rational>(const bseries::Rational&, const bseries::Rational&, GameScheme,
                                                                    GameTable, int, int);

}  // namespace irverify
