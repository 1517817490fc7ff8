#include "theory/games/game.hpp"

#include "theory/problem/problem.hpp"
#include "theory/problem/problem_io.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace irverify {

namespace {

template <class S> std::unique_ptr<Model<S>> formula_loss(const std::string& name, const std::vector<std::string>& parameters,
                                                          const std::string& loss, const std::vector<std::string>& start) {
  nlohmann::json j = {{"format", "irverify-problem-1"}, {"name", name}, {"model", "formula"}, {"parameters", parameters},
                      {"loss", loss}, {"theta0", start}};
  return std::move(build_problem<S>(parse_problem_text(j.dump(), name)).model);
}

template <class S> using Vars = std::vector<Var<S>>;

}  // namespace

template <class S>
Game<S> formula_game(const std::string& name, const std::vector<std::string>& parameters, int n_phi, const std::string& loss1,
                     const std::string& loss2, const std::vector<std::string>& start) {
  if (n_phi < 1 || n_phi >= static_cast<int>(parameters.size()) || start.size() != parameters.size())
    throw std::invalid_argument("formula_game: each player needs a parameter, and the start one value per parameter");
  Game<S> g{name, formula_loss<S>(name + " L1", parameters, loss1, start), formula_loss<S>(name + " L2", parameters, loss2, start),
            n_phi, Vec<S>(static_cast<Eigen::Index>(start.size())), parameters, start, loss1, loss2};
  for (std::size_t i = 0; i < start.size(); ++i) g.start(static_cast<Eigen::Index>(i)) = parse_scalar<S>(start[i]);
  return g;
}

template <class S> GameDrift<S> game_drift(const S& alpha, const S& lambda, GameScheme scheme, GameTable table) {
  const S sign = scheme == GameScheme::simultaneous ? S(1) : S(-1);
  switch (table) {
    case GameTable::derived: return {alpha * alpha, alpha * lambda, lambda * lambda, sign * lambda * alpha};
    case GameTable::own_rate: return {alpha * alpha, alpha * alpha, lambda * lambda, sign * lambda * lambda};
    case GameTable::no_interaction: return {alpha * alpha, S(0), lambda * lambda, S(0)};
  }
  throw std::logic_error("game_drift: unknown table");
}

template <class S> Program<S> game_field(const Game<S>& g, const S& alpha, const S& lambda, const S& h, const GameDrift<S>& c) {
  const int n = g.dim(), np = g.n_phi;
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
    out.outputs[i] = i < np ? alpha * F[i] - (h / 2) * (c.ff * Jf[i] + c.fg * Jg[i])
                            : lambda * F[i] - (h / 2) * (c.gg * Jg[i] + c.gf * Jf[i]);
  return out;
}

template <class S> void game_step(const Game<S>& g, const S& alpha, const S& lambda, const S& h, GameScheme scheme, Vec<S>& x) {
  const Batch one{0};
  const int np = g.n_phi, nt = g.dim() - np;
  const Vec<S> g1 = g.L1->gradient(x, one);
  if (scheme == GameScheme::simultaneous) {
    const Vec<S> g2 = g.L2->gradient(x, one);
    x.head(np) -= (alpha * h) * g1.head(np);
    x.tail(nt) -= (lambda * h) * g2.tail(nt);
  } else {
    x.head(np) -= (alpha * h) * g1.head(np);
    const Vec<S> g2 = g.L2->gradient(x, one);
    x.tail(nt) -= (lambda * h) * g2.tail(nt);
  }
}

#define IRVERIFY_INST(S)                                                                                                      \
  template Game<S> formula_game<S>(const std::string&, const std::vector<std::string>&, int, const std::string&,              \
                                   const std::string&, const std::vector<std::string>&);                                     \
  template GameDrift<S> game_drift<S>(const S&, const S&, GameScheme, GameTable);                                            \
  template Program<S> game_field<S>(const Game<S>&, const S&, const S&, const S&, const GameDrift<S>&);                      \
  template void game_step<S>(const Game<S>&, const S&, const S&, const S&, GameScheme, Vec<S>&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
