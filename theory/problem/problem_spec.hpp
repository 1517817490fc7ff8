// Problem instances as data (CLAIMS.md, Models): model kind + data + theta0 (+ partition into minibatches).
//
// A ProblemSpec holds every number as decimal text, exactly as written in a problem file or produced by the
// generator, so one spec builds the *same* problem in every precision (theory/problem/problem.hpp rounds each
// number once, in S). Light: no Eigen, no models; formats in problem_io.hpp, generator in generator.hpp.
#pragma once

#include "theory/formula/formula_symbols.hpp"
#include "theory/io/input_file.hpp"  // kMaxInputBytes

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace irverify {

// Input limits, checked while reading and validating, before anything is sized by them.
inline constexpr std::size_t kMaxNameLength = 256;
inline constexpr long long kMaxHidden = 1LL << 20;      // two-layer width
inline constexpr long long kMaxOutputs = 1LL << 20;     // outputs of linear2 / relu2
inline constexpr long long kMaxExamples = 1LL << 24;    // partition indices
inline constexpr long long kMaxParameters = 1LL << 24;  // dim

// Bad input: the message names the origin (file[:line] or generator) and the problem.
class ProblemError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct QuadraticTermSpec {
  std::vector<std::vector<std::string>> A;
  std::vector<std::string> b;
  std::string c = "0";
};

// An optimizer and its hyper-parameters (problem key "optimizer"; the MOM and ADAM claims): numbers as decimal text,
// empty where the file leaves the claim's default.
struct OptimizerSpec {
  std::string name;           // one of optimizer_names()
  std::string beta, rho, eps;  // momentum (0 <= beta < 1), second moment (0 <= rho < 1), eps > 0
  std::string eps_placement;  // Adam, RMSProp: "inside" or "outside" the root
  std::optional<bool> bias_correction;  // Adam, RMSProp
};
// heavy-ball, nesterov (Sutskever's), pytorch-nesterov, adam, rmsprop.
const std::vector<std::string>& optimizer_names();
// Adam and RMSProp (rho, eps, eps_placement, bias_correction apply), as opposed to the momentum methods.
inline bool is_adaptive(const OptimizerSpec& o) { return o.name == "adam" || o.name == "rmsprop"; }

// A player of a game (model "game"; the GAME claims): its parameters (a block of theta, in the players' order), the loss
// it decreases (a formula of every player's parameters), its rate (decimal text, empty for the claim's default) and the
// updates it takes per round.
struct PlayerSpec {
  std::vector<FormulaName> parameters;
  std::string loss;
  std::string rate;
  int updates = 1;
};
inline constexpr int kMaxGameUpdates = 64;

struct ProblemSpec {
  std::string name;
  std::string model;  // one of model_kinds(), or a registered model (theory/problem/user_models.hpp)
  int hidden = 0;     // two-layer, linear2, relu2
  int outputs = 1;    // labels per row (> 1 only for linear2, relu2)
  std::vector<std::vector<std::string>> data;  // rows: features..., labels (outputs of them)
  std::vector<std::string> data_where;         // optional: where each row came from ("f.csv:7")
  std::vector<QuadraticTermSpec> terms;        // quadratic only
  std::vector<std::string> theta0;
  std::vector<std::vector<int>> partition;     // optional; blocks of example indices
  std::string h0;                              // optional; largest step of a ladder
  std::string sigma;                           // optional; label-noise scale (LN claims)
  int batch = 0;                               // optional (0: unset); batch size B (LN and RANK claims)
  std::optional<bool> replacement;             // optional; batches drawn with replacement (LN, RANK-1)
  std::string weight_decay;                    // optional; lambda >= 0 of SGD with weight decay (RANK claims)
  std::optional<OptimizerSpec> optimizer;      // optional; the MOM and ADAM claims' method and hyper-parameters
  std::vector<PlayerSpec> players;             // model "game" only: two players (theta0 their parameters in order)
  // formula (theory/formula/formula.hpp): its names, and exactly one of a per-example residual (l_i = r_i^2 / 2) or
  // loss; data optional for a loss (one example). Columns absent: x (the features) and y (the label).
  FormulaSymbols symbols;
  std::string residual, loss;
  std::string origin;                          // file path, or "generator"
  std::uint64_t seed = 0;                      // generator seed (0 for files)

  // Batches of `batch` drawn with replacement? Absent means without (shuffled batches, the common practice), for every
  // claim alike.
  bool with_replacement() const { return replacement.value_or(false); }
  int num_examples() const;
  int features() const;  // columns of data minus the labels
  bool is_formula() const { return model == "formula"; }
  bool is_game() const { return model == "game"; }
  // A residual r_i per example (regression, l_i = r_i^2 / 2): not a quadratic, not a formula given by its loss.
  bool has_residual() const { return model != "quadratic" && !(is_formula() && residual.empty()); }
  const std::string& formula_key() const { return residual.empty() ? loss : residual; }  // formula: its text
  const char* formula_key_name() const { return residual.empty() ? "loss" : "residual"; }  // ... and its key
  FormulaSymbols formula_symbols() const;  // symbols, with the default columns x, y where none are given
  int dim() const;       // length of theta implied by the model and data
  nlohmann::json to_json() const;  // the problem-file format
};

// Player i's loss as a formula problem of one example over every player's parameters, from theta0 (origin "FILE
// players[i].loss"): what a game's losses are built and validated as.
ProblemSpec player_problem(const ProblemSpec& game, std::size_t i);

// Model kinds, as spelled in problem files: the built-in families.
const std::vector<std::string>& model_kinds();
// A model registered by name (theory/problem/user_models.hpp): its parameter count for spec s, or -1 if none is.
int user_model_dim(const std::string& model, const ProblemSpec& s);
// linear2 and relu2: weight matrices, several outputs per example (RANK claims).
bool is_matrix_net(const std::string& model);
// A formula model written with relu, abs, min or max (false for other models: see their own kinds).
bool formula_has_kinks(const ProblemSpec& s);
// Formula models: the largest gradient tape (operations over all examples) validate() accepts.
inline constexpr long long kMaxFormulaTape = 1LL << 24;

// Structural checks (model known, rows not ragged, dimensions, partition, h0 > 0).
// Throws ProblemError naming spec.origin.
// Throws ProblemError "<origin>: what" (origin: the file, or "problem").
[[noreturn]] void problem_error(const ProblemSpec& s, const std::string& what);
// Where data row i came from: "file.csv:7" for CSV rows, else "data[i]".
std::string row_origin(const ProblemSpec& s, std::size_t i);

void validate(const ProblemSpec& spec);

}  // namespace irverify
