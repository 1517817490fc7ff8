#include "theory/problem/problem_io.hpp"

#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace irverify {

namespace {

using json = nlohmann::json;

// Builds a json DOM in which every floating-point literal keeps its source text
// (as a JSON string), so no number passes through double.
class ExactSax : public json::json_sax_t {
 public:
  json root;
  std::size_t error_pos = 0;
  std::string error_msg;

  bool null() override { return put(json(nullptr)); }
  bool boolean(bool v) override { return put(json(v)); }
  bool number_integer(number_integer_t v) override { return put(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return put(json(v)); }
  bool number_float(number_float_t, const string_t& s) override { return put(json(s)); }
  bool string(string_t& s) override { return put(json(s)); }
  bool binary(binary_t&) override { return put(json(nullptr)); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool key(string_t& k) override {
    key_ = k;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override {
    error_pos = pos;
    error_msg = ex.what();
    return false;
  }

 private:
  json* slot(json v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    top[key_] = std::move(v);
    return &top[key_];
  }
  bool put(json v) {
    slot(std::move(v));
    return true;
  }
  bool open(json v) {
    stack_.push_back(slot(std::move(v)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
  std::vector<json*> stack_;
  std::string key_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ProblemError(fmt::format("{}: cannot open file", path));
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

std::size_t line_of(const std::string& text, std::size_t pos) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + std::min(pos, text.size()), '\n'));
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
  std::string number(const json& v, const std::string& where) const {
    if (v.is_string()) return v.get<std::string>();  // validated later, with the same path
    if (v.is_number_integer()) return v.dump();
    fail(where, fmt::format("expected a number, got {}", v.type_name()));
  }
  std::vector<std::string> vector(const json& v, const std::string& where) const {
    if (!v.is_array()) fail(where, fmt::format("expected an array of numbers, got {}", v.type_name()));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(number(v[i], fmt::format("{}[{}]", where, i)));
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
  std::ifstream in(path);
  if (!in) throw ProblemError(fmt::format("{}: cannot open data file", path));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(in, line)) {
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

ProblemSpec read_problem_file(const std::string& path) {
  const std::string text = slurp(path);
  ExactSax sax;
  if (!json::sax_parse(text, &sax)) {
    throw ProblemError(fmt::format("{}:{}: invalid JSON ({})", path, line_of(text, sax.error_pos), sax.error_msg));
  }
  const json& j = sax.root;
  const Reader r{path};
  if (!j.is_object()) r.fail("top level", "expected a JSON object");
  static const std::vector<std::string> keys = {"format", "name", "model", "hidden", "data", "data_file", "terms",
                                                "theta0", "partition", "h0", "seed", "comment"};
  for (const auto& [k, v] : j.items())
    if (std::find(keys.begin(), keys.end(), k) == keys.end())
      r.fail(k, fmt::format("unknown key (known: {})", fmt::join(keys, ", ")));
  if (j.contains("format") && j["format"] != "irverify-problem-1")
    r.fail("format", fmt::format("unsupported format {} (expected \"irverify-problem-1\")", j["format"].dump()));
  ProblemSpec s;
  s.origin = path;
  s.name = j.value("name", std::filesystem::path(path).stem().string());
  if (!j.contains("model") || !j["model"].is_string()) r.fail("model", "missing (a string, e.g. \"least-squares\")");
  s.model = j["model"].get<std::string>();
  if (j.contains("hidden")) {
    if (!j["hidden"].is_number_integer()) r.fail("hidden", "expected a positive integer");
    s.hidden = j["hidden"].get<int>();
  }
  if (j.contains("data") && j.contains("data_file")) r.fail("data", "give either 'data' or 'data_file', not both");
  if (j.contains("data")) s.data = r.matrix(j["data"], "data");
  if (j.contains("data_file")) {
    if (!j["data_file"].is_string()) r.fail("data_file", "expected a file name");
    const auto csv = std::filesystem::path(path).parent_path() / j["data_file"].get<std::string>();
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
  if (!j.contains("theta0")) r.fail("theta0", "missing (the initial parameters)");
  s.theta0 = r.vector(j["theta0"], "theta0");
  if (j.contains("partition")) {
    if (!j["partition"].is_array()) r.fail("partition", "expected an array of arrays of example indices");
    for (std::size_t k = 0; k < j["partition"].size(); ++k) {
      const json& b = j["partition"][k];
      if (!b.is_array()) r.fail(fmt::format("partition[{}]", k), "expected an array of example indices");
      std::vector<int> blk;
      for (const auto& i : b) {
        if (!i.is_number_integer()) r.fail(fmt::format("partition[{}]", k), "example indices must be integers");
        blk.push_back(i.get<int>());
      }
      s.partition.push_back(std::move(blk));
    }
  }
  if (j.contains("h0")) s.h0 = r.number(j["h0"], "h0");
  if (j.contains("seed") && j["seed"].is_number_unsigned()) s.seed = j["seed"].get<std::uint64_t>();
  validate(s);
  return s;
}

void write_problem_file(const ProblemSpec& spec, const std::string& path) {
  std::ofstream out(path);
  if (!out) throw ProblemError(fmt::format("{}: cannot write file", path));
  out << spec.to_json().dump(2) << "\n";
}

}  // namespace irverify
