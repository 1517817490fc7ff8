#include "theory/problem/problem_io.hpp"

#include "theory/io/atomic_write.hpp"
#include "theory/io/input_file.hpp"
#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace irverify {

namespace {

using json = nlohmann::json;

// Input files go through theory/io/input_file.hpp (regular files only, size and nesting limits, no duplicate keys);
// its refusals become ProblemErrors.
std::string slurp(const std::string& path, const char* what = "file") {
  try {
    return read_input_file(path, what);
  } catch (const InputError& e) {
    throw ProblemError(e.what());
  }
}

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  const auto b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

struct Reader {
  const std::string& path;
  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw ProblemError(fmt::format("{}: {}: {}", path, where, what));
  }
  static bool is_float(const json& v) {
    return v.is_string() && !v.get_ref<const std::string&>().empty() && v.get_ref<const std::string&>()[0] == kNumberMark;
  }
  std::string string(const json& v, const std::string& where) const {
    if (!v.is_string() || is_float(v)) fail(where, fmt::format("expected a string, got {}", is_float(v) ? "number" : v.type_name()));
    const std::string t = v.get<std::string>();
    for (unsigned char c : t)
      if (c < 0x20) fail(where, "control character in a string");
    return t;
  }
  // An integer in [lo, hi], checked in 64 bits before any narrowing.
  long long integer(const json& v, const std::string& where, long long lo, long long hi) const {
    if (!v.is_number_integer())
      fail(where, fmt::format("expected an integer, got {}", is_float(v) ? "a decimal number" : v.type_name()));
    const bool too_big = v.is_number_unsigned() && v.get<unsigned long long>() > static_cast<unsigned long long>(hi);
    const long long x = too_big ? hi : v.get<long long>();
    if (too_big || x < lo || x > hi) fail(where, fmt::format("{} is out of range ({}..{})", v.dump(), lo, hi));
    return x;
  }
  std::string number(const json& v, const std::string& where) const {
    if (is_float(v)) return v.get<std::string>().substr(1);
    if (v.is_string()) return string(v, where);  // validated later, with the same path
    if (v.is_number_integer()) return v.dump();
    fail(where, fmt::format("expected a number, got {}", v.type_name()));
  }
  std::vector<std::string> vector(const json& v, const std::string& where) const {
    if (!v.is_array()) fail(where, fmt::format("expected an array of numbers, got {}", v.type_name()));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(number(v[i], fmt::format("{}[{}]", where, i)));
    return out;
  }
  // Formula names: an array of scalar names and one-key objects {"u": 8} (a vector of 8), in theta's (the row's)
  // order. A JSON object's keys have no order, so an object of several names is refused.
  std::vector<FormulaName> names(const json& v, const std::string& where) const {
    const char* form = "write an array of names in order: scalars as \"a\", vectors as {\"u\": 8}";
    const json list = v.is_object() && v.size() == 1 ? json::array({v}) : v;
    if (v.is_object() && v.size() > 1) fail(where, fmt::format("a JSON object's keys have no order; {}", form));
    if (!list.is_array() || list.empty()) fail(where, fmt::format("expected a non-empty array; {}", form));
    std::vector<FormulaName> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string w = fmt::format("{}[{}]", where, i);
      if (list[i].is_object() && list[i].size() == 1) {
        const auto it = list[i].begin();
        out.push_back({it.key(), static_cast<int>(integer(it.value(), w + "." + it.key(), 1, kMaxParameters))});
      } else if (list[i].is_string() && !is_float(list[i])) {
        out.push_back({string(list[i], w), 0});
      } else {
        fail(w, fmt::format("expected a name or a one-key object {{\"name\": length}}; {}", form));
      }
    }
    return out;
  }
  std::vector<std::vector<std::string>> matrix(const json& v, const std::string& where) const {
    if (!v.is_array()) fail(where, fmt::format("expected an array of rows, got {}", v.type_name()));
    std::vector<std::vector<std::string>> out;
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(vector(v[i], fmt::format("{}[{}]", where, i)));
    return out;
  }
};

}  // namespace

std::vector<std::vector<std::string>> read_csv_rows(const std::string& path, std::vector<std::string>* where) {
  return parse_csv_text(slurp(path, "data file"), path, where);
}

std::vector<std::vector<std::string>> parse_csv_text(const std::string& text, const std::string& path,
                                                     std::vector<std::string>* where) {
  // Lines end at LF, CRLF or a lone CR (old Mac files): each counts as one line end. A UTF-8 byte-order mark (as
  // spreadsheets write it) is skipped.
  std::vector<std::string> lines(1);
  for (std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      lines.emplace_back();
    } else {
      lines.back() += text[i];
    }
  }
  std::vector<std::vector<std::string>> rows;
  std::size_t lineno = 0;
  for (const std::string& line : lines) {
    ++lineno;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    std::vector<std::string> row;
    std::stringstream ss(t);
    std::string cell;
    std::size_t col = 0;
    while (std::getline(ss, cell, ',')) {
      ++col;
      const std::string c = trim(cell);
      try {
        (void)parse_scalar<mp50>(c);
      } catch (const std::invalid_argument& e) {
        throw ProblemError(fmt::format("{}:{}: column {}: {}", path, lineno, col, e.what()));
      }
      row.push_back(c);
    }
    if (!t.empty() && t.back() == ',') throw ProblemError(fmt::format("{}:{}: trailing comma (empty column)", path, lineno));
    if (!rows.empty() && row.size() != rows.front().size())
      throw ProblemError(fmt::format("{}:{}: row has {} entries, expected {} as on the first row (ragged data)", path,
                                     lineno, row.size(), rows.front().size()));
    rows.push_back(std::move(row));
    if (where) where->push_back(fmt::format("{}:{}", path, lineno));
  }
  if (rows.empty()) throw ProblemError(fmt::format("{}: no data rows", path));
  return rows;
}

namespace {
// {"name": ..., "beta": ..., "rho": ..., "eps": ..., "eps_placement": ..., "bias_correction": ...}: the keys and their
// JSON types (names and ranges: validate()).
OptimizerSpec read_optimizer(const Reader& r, const json& o) {
  if (!o.is_object()) r.fail("optimizer", "expected an object, e.g. {\"name\": \"heavy-ball\", \"beta\": \"0.5\"}");
  static const std::vector<std::string> keys = {"name", "beta", "rho", "eps", "eps_placement", "bias_correction"};
  for (const auto& [k, v] : o.items())
    if (std::find(keys.begin(), keys.end(), k) == keys.end())
      r.fail("optimizer." + k, fmt::format("unknown key (known: {})", fmt::join(keys, ", ")));
  if (!o.contains("name")) r.fail("optimizer.name", fmt::format("missing (one of {})", fmt::join(optimizer_names(), ", ")));
  OptimizerSpec x;
  x.name = r.string(o["name"], "optimizer.name");
  for (const auto& [k, field] : {std::pair<const char*, std::string*>{"beta", &x.beta}, {"rho", &x.rho}, {"eps", &x.eps}})
    if (o.contains(k)) {
      *field = r.number(o[k], std::string("optimizer.") + k);
      if (field->empty()) r.fail(std::string("optimizer.") + k, "empty (omit the key for the claim's default)");
    }
  if (o.contains("eps_placement")) x.eps_placement = r.string(o["eps_placement"], "optimizer.eps_placement");
  if (o.contains("bias_correction")) {
    if (!o["bias_correction"].is_boolean())
      r.fail("optimizer.bias_correction", fmt::format("expected true or false, got {}", o["bias_correction"].dump()));
    x.bias_correction = o["bias_correction"].get<bool>();
  }
  return x;
}

// "players": [{"parameters": names, "loss": "...", "rate": number, "updates": integer}, ...] (model "game").
std::vector<PlayerSpec> read_players(const Reader& r, const json& v) {
  if (!v.is_array() || v.empty()) r.fail("players", "expected a non-empty array of {parameters, loss, rate, updates}");
  std::vector<PlayerSpec> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const json& o = v[i];
    const std::string w = fmt::format("players[{}]", i);
    if (!o.is_object()) r.fail(w, "expected an object with keys parameters, loss (and rate, updates)");
    for (const auto& [k, x] : o.items())
      if (k != "parameters" && k != "loss" && k != "rate" && k != "updates")
        r.fail(w + "." + k, "unknown key (known: parameters, loss, rate, updates)");
    PlayerSpec p;
    if (!o.contains("parameters")) r.fail(w + ".parameters", "missing (e.g. [\"p\"] or [{\"u\": 3}])");
    p.parameters = r.names(o["parameters"], w + ".parameters");
    if (!o.contains("loss")) r.fail(w + ".loss", "missing (a formula of the players' parameters)");
    p.loss = r.string(o["loss"], w + ".loss");
    if (o.contains("rate")) {
      p.rate = r.number(o["rate"], w + ".rate");
      if (p.rate.empty()) r.fail(w + ".rate", "empty (omit the key for the claim's default)");
    }
    if (o.contains("updates")) p.updates = static_cast<int>(r.integer(o["updates"], w + ".updates", 1, kMaxGameUpdates));
    out.push_back(std::move(p));
  }
  return out;
}
}  // namespace

ProblemSpec read_problem_file(const std::string& path) { return parse_problem_text(slurp(path), path); }

ProblemSpec parse_problem_text(const std::string& text, const std::string& path) {
  json parsed;
  try {
    parsed = parse_strict_json(text, path, {true, ": write it as a JSON string, e.g. \"1e400\", to read it in mp50"});
  } catch (const InputError& e) {
    throw ProblemError(e.what());
  }
  const json& j = parsed;
  const Reader r{path};
  if (!j.is_object()) r.fail("top level", "expected a JSON object");
  static const std::vector<std::string> keys = {"format", "name", "model", "hidden", "outputs", "data", "data_file", "terms",
                                                "theta0", "partition", "h0", "sigma", "batch", "replacement", "weight_decay",
                                                "optimizer", "seed", "comment", "parameters", "columns", "residual", "loss",
                                                "players"};
  for (const auto& [k, v] : j.items())
    if (std::find(keys.begin(), keys.end(), k) == keys.end())
      r.fail(k, fmt::format("unknown key (known: {})", fmt::join(keys, ", ")));
  if (j.contains("format") && j["format"] != "irverify-problem-1")
    r.fail("format", fmt::format("unsupported format {} (expected \"irverify-problem-1\")", j["format"].dump()));
  ProblemSpec s;
  s.origin = path;
  s.name = j.contains("name") ? r.string(j["name"], "name") : std::filesystem::path(path).stem().string();
  if (s.name.size() > kMaxNameLength) r.fail("name", fmt::format("longer than {} characters", kMaxNameLength));
  if (!j.contains("model")) r.fail("model", "missing (a string, e.g. \"least-squares\")");
  s.model = r.string(j["model"], "model");
  if (j.contains("hidden")) s.hidden = static_cast<int>(r.integer(j["hidden"], "hidden", 1, kMaxHidden));
  if (j.contains("outputs")) s.outputs = static_cast<int>(r.integer(j["outputs"], "outputs", 1, kMaxOutputs));
  if (j.contains("data") && j.contains("data_file")) r.fail("data", "give either 'data' or 'data_file', not both");
  if (j.contains("data")) s.data = r.matrix(j["data"], "data");
  if (j.contains("data_file")) {
    // Inside the problem file's folder: a problem file from elsewhere reads no other file of this machine.
    const std::filesystem::path rel = r.string(j["data_file"], "data_file");
    if (rel.empty() || rel.is_absolute() || std::any_of(rel.begin(), rel.end(), [](const auto& c) { return c == ".."; }))
      r.fail("data_file", fmt::format("'{}': expected a relative path inside the problem file's folder (no '..')", rel.string()));
    const auto csv = std::filesystem::path(path).parent_path() / rel;
    std::error_code ec;  // ... and no symbolic link leads out of it
    const auto folder = std::filesystem::weakly_canonical(std::filesystem::absolute(std::filesystem::path(path).parent_path()), ec);
    const auto target = std::filesystem::weakly_canonical(std::filesystem::absolute(csv), ec);
    const auto [f_end, t_it] = std::mismatch(folder.begin(), folder.end(), target.begin(), target.end());
    if (ec || f_end != folder.end())
      r.fail("data_file", fmt::format("'{}': leads outside the problem file's folder (through a symbolic link)", rel.string()));
    try {
      s.data = read_csv_rows(csv.string(), &s.data_where);
    } catch (const ProblemError& e) {
      r.fail("data_file", e.what());
    }
  }
  if (j.contains("terms")) {
    if (!j["terms"].is_array()) r.fail("terms", "expected an array of {A, b, c}");
    for (std::size_t i = 0; i < j["terms"].size(); ++i) {
      const json& t = j["terms"][i];
      const std::string w = fmt::format("terms[{}]", i);
      if (!t.is_object() || !t.contains("A") || !t.contains("b")) r.fail(w, "expected an object with keys A, b (and c)");
      QuadraticTermSpec q;
      q.A = r.matrix(t["A"], w + ".A");
      q.b = r.vector(t["b"], w + ".b");
      if (t.contains("c")) q.c = r.number(t["c"], w + ".c");
      s.terms.push_back(std::move(q));
    }
  }
  if (j.contains("players") && s.model != "game")
    r.fail("players", fmt::format("only a game takes it (write \"model\": \"game\"; the model is '{}')", s.model));
  for (const char* k : {"parameters", "columns", "residual", "loss"})
    if (j.contains(k) && s.model != "formula") r.fail(k, fmt::format("only a formula model takes it (model is '{}')", s.model));
  if (j.contains("parameters")) s.symbols.parameters = r.names(j["parameters"], "parameters");
  if (j.contains("columns")) s.symbols.columns = r.names(j["columns"], "columns");
  if (j.contains("residual")) s.residual = r.string(j["residual"], "residual");
  if (j.contains("loss")) s.loss = r.string(j["loss"], "loss");
  if (j.contains("players")) s.players = read_players(r, j["players"]);
  if (!j.contains("theta0")) r.fail("theta0", "missing (the initial parameters)");
  s.theta0 = r.vector(j["theta0"], "theta0");
  if (j.contains("partition")) {
    if (!j["partition"].is_array()) r.fail("partition", "expected an array of arrays of example indices");
    for (std::size_t k = 0; k < j["partition"].size(); ++k) {
      const json& b = j["partition"][k];
      if (!b.is_array()) r.fail(fmt::format("partition[{}]", k), "expected an array of example indices");
      std::vector<int> blk;
      for (std::size_t i = 0; i < b.size(); ++i)
        blk.push_back(static_cast<int>(r.integer(b[i], fmt::format("partition[{}][{}]", k, i), 0, kMaxExamples - 1)));
      s.partition.push_back(std::move(blk));
    }
  }
  if (j.contains("h0")) {
    s.h0 = r.number(j["h0"], "h0");
    if (s.h0.empty()) r.fail("h0", "empty (omit the key for the default)");
  }
  if (j.contains("sigma")) {
    s.sigma = r.number(j["sigma"], "sigma");
    if (s.sigma.empty()) r.fail("sigma", "empty (omit the key for the default)");
  }
  if (j.contains("weight_decay")) {
    s.weight_decay = r.number(j["weight_decay"], "weight_decay");
    if (s.weight_decay.empty()) r.fail("weight_decay", "empty (omit the key for the default)");
  }
  if (j.contains("batch")) s.batch = static_cast<int>(r.integer(j["batch"], "batch", 1, kMaxExamples));
  if (j.contains("replacement")) {
    if (!j["replacement"].is_boolean()) r.fail("replacement", fmt::format("expected true or false, got {}", j["replacement"].dump()));
    s.replacement = j["replacement"].get<bool>();
  }
  if (j.contains("optimizer")) s.optimizer = read_optimizer(r, j["optimizer"]);
  if (j.contains("seed")) {
    if (!j["seed"].is_number_unsigned())
      r.fail("seed", fmt::format("expected a non-negative integer, got {}",
                                 Reader::is_float(j["seed"]) ? j["seed"].get<std::string>().substr(1) : j["seed"].dump()));
    s.seed = j["seed"].get<std::uint64_t>();
  }
  validate(s);
  return s;
}

void write_problem_file(const ProblemSpec& spec, const std::string& path) {
  try {
    write_atomically(path, spec.to_json().dump(2) + "\n");
  } catch (const std::runtime_error& e) {
    throw ProblemError(e.what());
  }
}

}  // namespace irverify
