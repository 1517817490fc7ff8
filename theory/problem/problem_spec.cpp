#include "theory/problem/problem_spec.hpp"

#include "theory/formula/formula.hpp"
#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace irverify {

const std::vector<std::string>& model_kinds() {
  static const std::vector<std::string> k = {"least-squares",  "quadratic",      "two-param", "diag-uv", "diag-uu-vv",
                                             "two-layer-tanh", "two-layer-relu", "linear2",   "relu2"};
  return k;
}

namespace {
bool is_two_layer(const std::string& m) { return m == "two-layer-tanh" || m == "two-layer-relu"; }
bool has_hidden(const std::string& m) { return is_two_layer(m) || is_matrix_net(m); }

void check_number(const ProblemSpec& s, const std::string& where, const std::string& text) {
  try {
    (void)parse_scalar<mp50>(text);
  } catch (const std::invalid_argument& e) {
    problem_error(s, fmt::format("{}: {}", where, e.what()));
  }
}
// Every row has `cols` decimal numbers.
void check_rows(const ProblemSpec& s, std::size_t cols) {
  for (std::size_t i = 0; i < s.data.size(); ++i) {
    if (s.data[i].size() != cols)
      problem_error(s, fmt::format("{}: row has {} entries, expected {} (ragged data)", row_origin(s, i), s.data[i].size(), cols));
    for (std::size_t j = 0; j < cols; ++j) check_number(s, fmt::format("{} column {}", row_origin(s, i), j + 1), s.data[i][j]);
  }
}

// A formula model: one of residual and loss, its names, rows of the columns' width, the text parsed against them and
// its tape over every example within kMaxFormulaTape.
void validate_formula(const ProblemSpec& s) {
  if (s.residual.empty() == s.loss.empty())
    problem_error(s, "formula: give exactly one of 'residual' (the loss is r_i^2 / 2 per example) and 'loss'");
  if (s.symbols.parameters.empty()) problem_error(s, "formula: 'parameters' is missing (e.g. [\"a\", {\"u\": 8}])");
  if (!s.residual.empty() && s.data.empty())
    problem_error(s, "formula: a 'residual' needs data (one residual per row); a loss of the parameters alone is a 'loss'");
  if (s.data.empty() && !s.symbols.columns.empty()) problem_error(s, "formula: 'columns' names the columns of data, but there is none");
  if (s.hidden != 0 || s.outputs != 1) problem_error(s, "formula: 'hidden' and 'outputs' are not formula keys");
  const long long params = count_of(s.symbols.parameters);
  if (params > kMaxParameters) problem_error(s, fmt::format("formula: {} parameters, more than the limit {}", params, kMaxParameters));
  const FormulaSymbols sym = s.formula_symbols();
  if (!s.data.empty()) {
    const long long width = count_of(sym.columns);
    if (width != static_cast<long long>(s.data.front().size()))
      problem_error(s, fmt::format("{}: a row has {} entries, but 'columns' declare {}", row_origin(s, 0), s.data.front().size(), width));
    check_rows(s, s.data.front().size());
  }
  const char* key = s.formula_key_name();
  try {
    const Formula f(s.formula_key(), sym);
    if (f.work() * s.num_examples() > kMaxFormulaTape)
      problem_error(s, fmt::format("{}: {} operations per example over {} examples exceed the tape limit {}", key, f.work(),
                                   s.num_examples(), kMaxFormulaTape));
  } catch (const FormulaError& e) {
    problem_error(s, fmt::format("{}: {}\n{}", key, e.what(), formula_caret(s.formula_key(), e.column)));
  } catch (const std::invalid_argument& e) {
    problem_error(s, fmt::format("parameters, columns: {}", e.what()));
  }
}
// A game: two players, each with parameters of its own and a loss (a formula of all of them, checked as its player
// problem), a positive rate if given and 1..kMaxGameUpdates updates per round; none of the other models' keys.
void validate_game(const ProblemSpec& s) {
  if (s.players.size() != 2)
    problem_error(s, fmt::format("players: {} given; the GAME claims are stated for two players", s.players.size()));
  if (!s.data.empty() || !s.terms.empty() || !s.partition.empty() || !s.symbols.parameters.empty() || !s.symbols.columns.empty() ||
      !s.residual.empty() || !s.loss.empty() || s.hidden != 0 || s.outputs != 1 || !s.sigma.empty() || s.batch != 0 ||
      s.replacement || !s.weight_decay.empty() || s.optimizer)
    problem_error(s, "game: a game takes players, theta0, h0 and name only (its losses are formulas of the parameters alone)");
  std::set<std::string> names;
  for (std::size_t i = 0; i < s.players.size(); ++i) {
    const PlayerSpec& p = s.players[i];
    if (p.parameters.empty()) problem_error(s, fmt::format("players[{}].parameters: missing (e.g. [\"p\"] or [{{\"u\": 3}}])", i));
    for (const FormulaName& n : p.parameters)
      if (!names.insert(n.name).second) problem_error(s, fmt::format("players[{}].parameters: '{}' is named twice (each parameter belongs to one player)", i, n.name));
    if (p.loss.empty()) problem_error(s, fmt::format("players[{}].loss: missing (a formula of the players' parameters)", i));
    if (!p.rate.empty()) {
      check_number(s, fmt::format("players[{}].rate", i), p.rate);
      if (!(parse_scalar<mp50>(p.rate) > 0)) problem_error(s, fmt::format("players[{}].rate = {} is not positive", i, p.rate));
    }
    if (p.updates < 1 || p.updates > kMaxGameUpdates)
      problem_error(s, fmt::format("players[{}].updates = {} is outside 1..{}", i, p.updates, kMaxGameUpdates));
  }
  const long long params = count_of(s.players[0].parameters) + count_of(s.players[1].parameters);
  if (params > kMaxParameters) problem_error(s, fmt::format("game: {} parameters, more than the limit {}", params, kMaxParameters));
  for (std::size_t i = 0; i < s.players.size(); ++i) validate_formula(player_problem(s, i));
}
}  // namespace

ProblemSpec player_problem(const ProblemSpec& game, std::size_t i) {
  ProblemSpec p;
  p.name = fmt::format("{} player {}", game.name, i + 1);
  p.model = "formula";
  for (const PlayerSpec& q : game.players) p.symbols.parameters.insert(p.symbols.parameters.end(), q.parameters.begin(), q.parameters.end());
  p.loss = game.players.at(i).loss;
  p.theta0 = game.theta0;
  p.origin = fmt::format("{} players[{}]", game.origin.empty() ? "problem" : game.origin, i);
  return p;
}

bool formula_has_kinks(const ProblemSpec& s) {
  if (s.is_game()) {
    for (std::size_t i = 0; i < s.players.size(); ++i)
      if (formula_has_kinks(player_problem(s, i))) return true;
    return false;
  }
  if (!s.is_formula()) return false;
  try {
    return !Formula(s.formula_key(), s.formula_symbols()).smooth();
  } catch (const std::exception&) {
    return false;  // validate() reports it
  }
}

void problem_error(const ProblemSpec& s, const std::string& what) {
  throw ProblemError(fmt::format("{}: {}", s.origin.empty() ? "problem" : s.origin, what));
}

std::string row_origin(const ProblemSpec& s, std::size_t i) {
  return i < s.data_where.size() ? s.data_where[i] : fmt::format("data[{}]", i);
}

int ProblemSpec::num_examples() const {
  if (model == "quadratic") return static_cast<int>(terms.size());
  if (is_game()) return 1;
  if (is_formula() && data.empty()) return 1;  // a loss without data
  return static_cast<int>(data.size());
}

FormulaSymbols ProblemSpec::formula_symbols() const {
  FormulaSymbols f = symbols;
  if (f.columns.empty() && !data.empty()) {  // the default: x the features (a vector), y the label
    const int features = static_cast<int>(data.front().size()) - 1;
    if (features > 0) f.columns.push_back({"x", features});
    f.columns.push_back({"y", 0});
  }
  return f;
}

bool is_matrix_net(const std::string& model) { return model == "linear2" || model == "relu2"; }

int ProblemSpec::features() const { return data.empty() ? 0 : static_cast<int>(data.front().size()) - outputs; }

int ProblemSpec::dim() const {
  if (model == "quadratic") return terms.empty() ? 0 : static_cast<int>(terms.front().b.size());
  if (model == "least-squares") return features();
  if (model == "two-param" || model == "diag-uv" || model == "diag-uu-vv") return 2 * features();
  if (is_two_layer(model)) return hidden * (features() + 1);
  if (is_matrix_net(model)) return hidden * (features() + outputs);
  if (is_formula() || is_game()) {
    long long n = count_of(symbols.parameters);
    for (const PlayerSpec& p : players) n += count_of(p.parameters);
    return n > kMaxParameters ? 0 : static_cast<int>(n);
  }
  const int user = user_model_dim(model, *this);
  return user > 0 ? user : 0;
}

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> v{"heavy-ball", "nesterov", "pytorch-nesterov", "adam", "rmsprop"};
  return v;
}

namespace {
// The optimizer's name, keys and ranges (its keys' JSON types are the reader's: theory/problem/problem_io.cpp).
void validate_optimizer(const ProblemSpec& s, const OptimizerSpec& o) {
  const auto& names = optimizer_names();
  if (std::find(names.begin(), names.end(), o.name) == names.end())
    problem_error(s, fmt::format("optimizer.name = '{}' is unknown (known: {})", o.name, fmt::join(names, ", ")));
  const bool adaptive = is_adaptive(o);
  const auto only_adaptive = [&](const char* key, bool given) {
    if (given && !adaptive) problem_error(s, fmt::format("optimizer.{}: only adam and rmsprop take it (the optimizer is {})", key, o.name));
  };
  only_adaptive("rho", !o.rho.empty());
  only_adaptive("eps", !o.eps.empty());
  only_adaptive("eps_placement", !o.eps_placement.empty());
  only_adaptive("bias_correction", o.bias_correction.has_value());
  if (o.name == "rmsprop" && !o.beta.empty()) problem_error(s, "optimizer.beta: rmsprop is Adam with beta = 0 (omit the key)");
  const auto unit = [&](const char* key, const std::string& v) {  // 0 <= v < 1
    if (v.empty()) return;
    check_number(s, fmt::format("optimizer.{}", key), v);
    const mp50 x = parse_scalar<mp50>(v);
    if (!(x >= 0 && x < 1)) problem_error(s, fmt::format("optimizer.{} = {} is outside [0, 1)", key, v));
  };
  unit("beta", o.beta);
  unit("rho", o.rho);
  if (!adaptive && !o.beta.empty() && !(parse_scalar<mp50>(o.beta) > 0))
    problem_error(s, fmt::format("optimizer.beta = {}: {} needs 0 < beta < 1 (beta = 0 is gradient descent)", o.beta, o.name));
  if (!o.eps.empty()) {
    check_number(s, "optimizer.eps", o.eps);
    if (!(parse_scalar<mp50>(o.eps) > 0)) problem_error(s, fmt::format("optimizer.eps = {} is not positive", o.eps));
  }
  if (!o.eps_placement.empty() && o.eps_placement != "inside" && o.eps_placement != "outside")
    problem_error(s, fmt::format("optimizer.eps_placement = '{}' (expected \"inside\" or \"outside\" the root)", o.eps_placement));
}
}  // namespace

void validate(const ProblemSpec& s) {
  const auto& kinds = model_kinds();
  const bool user = user_model_dim(s.model, s) >= 0;
  if (!s.players.empty() && !s.is_game())
    problem_error(s, fmt::format("players: only a game takes it (write \"model\": \"game\"; the model is '{}')", s.model));
  if (!user && !s.is_formula() && !s.is_game() && std::find(kinds.begin(), kinds.end(), s.model) == kinds.end())
    problem_error(s, fmt::format("unknown model '{}' (known: {}, formula, game, and models registered through the library)", s.model,
                                 fmt::join(kinds, ", ")));
  if (s.model == "quadratic") {
    if (s.terms.empty()) problem_error(s, "quadratic model needs at least one entry in 'terms'");
    const std::size_t d = s.terms.front().b.size();
    if (d == 0) problem_error(s, "terms[0].b is empty");
    for (std::size_t i = 0; i < s.terms.size(); ++i) {
      const auto& t = s.terms[i];
      if (t.b.size() != d) problem_error(s, fmt::format("terms[{}].b has {} entries, expected {}", i, t.b.size(), d));
      if (t.A.size() != d) problem_error(s, fmt::format("terms[{}].A has {} rows, expected {}", i, t.A.size(), d));
      for (std::size_t r = 0; r < d; ++r)  // every row's length before any symmetric access A[c][r]
        if (t.A[r].size() != d) problem_error(s, fmt::format("terms[{}].A row {} has {} entries, expected {}", i, r, t.A[r].size(), d));
      for (std::size_t r = 0; r < d; ++r) {
        for (std::size_t c = 0; c < d; ++c) {
          check_number(s, fmt::format("terms[{}].A[{}][{}]", i, r, c), t.A[r][c]);
          if (parse_scalar<mp50>(t.A[r][c]) != parse_scalar<mp50>(t.A[c][r]))
            problem_error(s, fmt::format("terms[{}].A is not symmetric at ({}, {})", i, r, c));
        }
        check_number(s, fmt::format("terms[{}].b[{}]", i, r), t.b[r]);
      }
      check_number(s, fmt::format("terms[{}].c", i), t.c);
    }
  } else if (s.is_formula()) {
    validate_formula(s);
  } else if (s.is_game()) {
    validate_game(s);
  } else {
    if (!s.symbols.parameters.empty() || !s.symbols.columns.empty() || !s.residual.empty() || !s.loss.empty())
      problem_error(s, fmt::format("{}: parameters, columns, residual and loss belong to a formula model", s.model));
    if (s.data.empty()) problem_error(s, "no data rows");
    if (s.outputs < 1 || (s.outputs > 1 && !is_matrix_net(s.model) && !user))
      problem_error(s, fmt::format("{}: outputs = {} (only linear2 and relu2 have more than one)", s.model, s.outputs));
    const std::size_t cols = s.data.front().size();
    if (cols < static_cast<std::size_t>(s.outputs) + 1)
      problem_error(s, fmt::format("{}: a data row needs at least one feature and {} label(s)", row_origin(s, 0), s.outputs));
    check_rows(s, cols);
    if (s.model == "two-param" && cols != 2)
      problem_error(s, fmt::format("two-param: data rows must be [x, y], got {} entries", cols));
    if (has_hidden(s.model) && s.hidden < 1) problem_error(s, fmt::format("{}: 'hidden' must be a positive integer", s.model));
    // The parameter count in 64 bits (hidden (features + outputs) can overflow int).
    const long long params = has_hidden(s.model) ? static_cast<long long>(s.hidden) * static_cast<long long>(cols) : 0;
    if (params > kMaxParameters)
      problem_error(s, fmt::format("{}: hidden = {} with {} features gives {} parameters, more than the limit {}", s.model, s.hidden,
                          cols - s.outputs, params, kMaxParameters));
  }
  if (static_cast<int>(s.theta0.size()) != s.dim())
    problem_error(s, fmt::format("theta0 has {} entries, but model {} with this data has {} parameters", s.theta0.size(),
                        s.model, s.dim()));
  for (std::size_t i = 0; i < s.theta0.size(); ++i) check_number(s, fmt::format("theta0[{}]", i), s.theta0[i]);
  if (!s.partition.empty()) {
    std::set<int> seen;
    for (std::size_t k = 0; k < s.partition.size(); ++k) {
      if (s.partition[k].empty()) problem_error(s, fmt::format("partition[{}] is empty", k));
      for (int i : s.partition[k]) {
        if (i < 0 || i >= s.num_examples())
          problem_error(s, fmt::format("partition[{}] names example {}, but there are {} examples", k, i, s.num_examples()));
        if (!seen.insert(i).second) problem_error(s, fmt::format("partition: example {} appears twice", i));
      }
    }
    if (static_cast<int>(seen.size()) != s.num_examples())
      problem_error(s, fmt::format("partition covers {} of {} examples", seen.size(), s.num_examples()));
  }
  if (!s.h0.empty()) {
    check_number(s, "h0", s.h0);
    if (!(parse_scalar<mp50>(s.h0) > 0)) problem_error(s, fmt::format("h0 = {} is not positive", s.h0));
  }
  if (!s.sigma.empty()) {
    check_number(s, "sigma", s.sigma);
    if (!(parse_scalar<mp50>(s.sigma) > 0)) problem_error(s, fmt::format("sigma = {} is not positive", s.sigma));
  }
  if (!s.weight_decay.empty()) {
    check_number(s, "weight_decay", s.weight_decay);
    if (parse_scalar<mp50>(s.weight_decay) < 0) problem_error(s, fmt::format("weight_decay = {} is negative", s.weight_decay));
    if (!is_matrix_net(s.model)) problem_error(s, "weight_decay: only the weight-matrix models linear2 and relu2 take it (RANK claims)");
  }
  if (s.optimizer) validate_optimizer(s, *s.optimizer);
  if (s.batch < 0) problem_error(s, fmt::format("batch = {} is not positive", s.batch));
  if (s.batch > 0 && s.model == "quadratic") problem_error(s, "batch: a quadratic loss has no examples to batch");
  if (s.batch > 0 && !s.with_replacement() && s.batch > s.num_examples())
    problem_error(s, fmt::format("batch = {} without replacement exceeds the {} examples", s.batch, s.num_examples()));
}

nlohmann::json ProblemSpec::to_json() const {
  nlohmann::json j;
  j["format"] = "irverify-problem-1";
  j["name"] = name;
  j["model"] = model;
  if (has_hidden(model)) j["hidden"] = hidden;
  if (is_matrix_net(model)) j["outputs"] = outputs;
  if (model == "quadratic") {
    j["terms"] = nlohmann::json::array();
    for (const auto& t : terms) j["terms"].push_back({{"A", t.A}, {"b", t.b}, {"c", t.c}});
  } else if (!data.empty() || !(is_formula() || is_game())) {
    j["data"] = data;
  }
  const auto names = [](const std::vector<FormulaName>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const FormulaName& n : v) a.push_back(n.size == 0 ? nlohmann::json(n.name) : nlohmann::json{{n.name, n.size}});
    return a;
  };
  if (is_game()) {
    j["players"] = nlohmann::json::array();
    for (const PlayerSpec& p : players) {
      nlohmann::json q{{"parameters", names(p.parameters)}, {"loss", p.loss}};
      if (!p.rate.empty()) q["rate"] = p.rate;
      if (p.updates != 1) q["updates"] = p.updates;
      j["players"].push_back(std::move(q));
    }
  }
  if (is_formula()) {
    j["parameters"] = names(symbols.parameters);
    if (!symbols.columns.empty()) j["columns"] = names(symbols.columns);
    j[formula_key_name()] = formula_key();
  }
  j["theta0"] = theta0;
  if (!partition.empty()) j["partition"] = partition;
  if (!h0.empty()) j["h0"] = h0;
  if (!sigma.empty()) j["sigma"] = sigma;
  if (!weight_decay.empty()) j["weight_decay"] = weight_decay;
  if (batch > 0) j["batch"] = batch;
  if (replacement) j["replacement"] = *replacement;
  if (seed != 0) j["seed"] = seed;
  if (optimizer) {
    nlohmann::json o{{"name", optimizer->name}};
    for (const auto& [k, v] : {std::pair<const char*, const std::string*>{"beta", &optimizer->beta}, {"rho", &optimizer->rho},
                               {"eps", &optimizer->eps}, {"eps_placement", &optimizer->eps_placement}})
      if (!v->empty()) o[k] = *v;
    if (optimizer->bias_correction) o["bias_correction"] = *optimizer->bias_correction;
    j["optimizer"] = o;
  }
  return j;
}

}  // namespace irverify
