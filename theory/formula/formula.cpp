#include "theory/formula/formula.hpp"

#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace irverify {

std::string formula_caret(const std::string& text, std::size_t column) {
  constexpr std::size_t kWidth = 72;
  const std::size_t at = std::min(column == 0 ? 0 : column - 1, text.size());
  const std::size_t from = at > kWidth / 2 ? at - kWidth / 2 : 0;
  std::string shown = text.substr(from, kWidth);
  for (char& ch : shown)
    if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
  const std::string lead = from > 0 ? "..." : "";
  return fmt::format("  {}{}{}\n  {}^", lead, shown, from + kWidth < text.size() ? "..." : "", std::string(lead.size() + at - from, ' '));
}

namespace {

const std::map<std::string, std::pair<int, bool>>& functions() {  // name -> (arguments, smooth)
  static const std::map<std::string, std::pair<int, bool>> f = {
      {"exp", {1, true}},     {"log", {1, true}},      {"sqrt", {1, true}}, {"tanh", {1, true}},
      {"sin", {1, true}},     {"cos", {1, true}},      {"sigmoid", {1, true}}, {"softplus", {1, true}},
      {"relu", {1, false}},   {"abs", {1, false}},     {"min", {2, false}}, {"max", {2, false}}};
  return f;
}

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

// Recursive descent over the text (formula.hpp's grammar), appending nodes operands first.
class FormulaParser {
 public:
  FormulaParser(const std::string& text, const FormulaSymbols& sym, Formula& f) : t_(text), f_(f) {
    if (text.size() > Formula::kMaxLength)
      throw FormulaError(Formula::kMaxLength + 1, fmt::format("the formula has {} characters, more than the limit {}", text.size(),
                                                              Formula::kMaxLength));
    declare(sym.parameters, true);
    declare(sym.columns, false);
  }

  void parse() {
    skip();
    if (pos_ >= t_.size()) throw FormulaError(1, "the formula is empty");
    const Value v = expr();
    if (pos_ < t_.size()) throw error(pos_, fmt::format("unexpected '{}' after a complete expression", t_[pos_]));
    f_.work_ = v.work;
    f_.sums_at_.resize(f_.nodes_.size());
    for (int n = static_cast<int>(f_.nodes_.size()) - 1; n >= 0; --n)  // outermost (highest index) first
      if (f_.nodes_[n].kind == Formula::Kind::Sum) f_.sums_at_[f_.nodes_[n].first].push_back(n);
  }

 private:
  using Node = Formula::Node;
  using Kind = Formula::Kind;
  struct Symbol {
    bool parameter;
    int offset;
    int size;
  };
  struct Index {  // a sum's index in scope
    std::string name;
    int slot;
    int range = 0;            // 0 until a vector sets it
    std::string range_from;   // that vector's name
  };
  struct Value {
    int node;
    long long work;  // node evaluations
  };

  void declare(const std::vector<FormulaName>& names, bool parameter) {
    int offset = 0;
    for (const FormulaName& n : names) {
      const bool valid = !n.name.empty() && n.name.size() <= 256 && is_name_start(n.name[0]) &&
                         std::all_of(n.name.begin(), n.name.end(), [](char c) { return is_name_char(c); });
      if (!valid) throw std::invalid_argument(fmt::format("'{}' is not a name (a letter or _, then letters, digits, _; at most 256)", n.name));
      if (functions().count(n.name) || n.name == "sum")
        throw std::invalid_argument(fmt::format("'{}' is a function's name", n.name));
      if (symbols_.count(n.name)) throw std::invalid_argument(fmt::format("'{}' is declared twice", n.name));
      if (n.size < 0 || n.size > (1 << 24)) throw std::invalid_argument(fmt::format("'{}' has size {} (0 .. 2^24)", n.name, n.size));
      symbols_[n.name] = Symbol{parameter, offset, n.size};
      offset += n.count();
    }
  }

  FormulaError error(std::size_t at, const std::string& what) const { return FormulaError(at + 1, fmt::format("{} at column {}", what, at + 1)); }

  void skip() {
    while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) ++pos_;
  }
  bool accept(char c) {
    if (pos_ < t_.size() && t_[pos_] == c) {
      ++pos_;
      skip();
      return true;
    }
    return false;
  }
  void expect(char c, const std::string& where) {
    if (accept(c)) return;
    if (pos_ >= t_.size()) throw error(pos_, fmt::format("expected '{}' {}, found the end", c, where));
    throw error(pos_, fmt::format("expected '{}' {}, found '{}'", c, where, t_[pos_]));
  }
  std::string name() {
    const std::size_t start = pos_;
    while (pos_ < t_.size() && is_name_char(t_[pos_])) ++pos_;
    std::string n = t_.substr(start, pos_ - start);
    skip();
    return n;
  }

  struct Depth {  // nesting guard: parentheses, functions, signs and powers
    explicit Depth(FormulaParser& p) : p(p) {
      if (++p.depth_ > Formula::kMaxDepth)
        throw p.error(p.pos_, fmt::format("nesting deeper than {} levels", Formula::kMaxDepth));
    }
    ~Depth() { --p.depth_; }
    FormulaParser& p;
  };

  Value add(Node n, long long work, std::size_t at) {
    if (work > Formula::kMaxWork)
      throw error(at, fmt::format("the formula takes more than {} operations per example", Formula::kMaxWork));
    f_.nodes_.push_back(n);
    return {static_cast<int>(f_.nodes_.size()) - 1, work};
  }
  Value binary(Kind k, const Value& a, const Value& b, std::size_t at) {
    Node n{k};
    n.a = a.node;
    n.b = b.node;
    return add(n, a.work + b.work + 1, at);
  }

  Value expr() {
    Value v = term();
    for (;;) {
      const std::size_t at = pos_;
      if (accept('+')) v = binary(Kind::Add, v, term(), at);
      else if (accept('-')) v = binary(Kind::Sub, v, term(), at);
      else return v;
    }
  }
  Value term() {
    Value v = factor();
    for (;;) {
      const std::size_t at = pos_;
      if (accept('*')) v = binary(Kind::Mul, v, factor(), at);
      else if (accept('/')) v = binary(Kind::Div, v, factor(), at);
      else return v;
    }
  }
  Value factor() {
    const std::size_t at = pos_;
    if (accept('-')) {
      const Depth d(*this);
      const Value v = factor();
      Node n{Kind::Neg};
      n.a = v.node;
      return add(n, v.work + 1, at);
    }
    return power();
  }
  Value power() {
    const Value base = primary();
    const std::size_t at = pos_;
    if (!accept('^')) return base;
    const Depth d(*this);
    const Value e = factor();
    if (const std::optional<long> n = integer_literal(e.node); n && *n >= -1024 && *n <= 1024) {
      f_.nodes_.resize(static_cast<std::size_t>(e.node) + 1 - node_count(e.node));  // drop the exponent's nodes
      Node p{Kind::PowInt};
      p.a = base.node;
      p.power = *n;
      return add(p, base.work + 11, at);  // at most 2 log2(1024) + 1 products
    }
    return binary(Kind::Pow, base, e, at);
  }
  // An exponent written as an integer literal, or minus one: its value; its nodes are then dropped.
  std::optional<long> integer_literal(int node) const {
    const Node& n = f_.nodes_[node];
    if (n.kind == Kind::Neg) {
      const std::optional<long> v = integer_literal(n.a);
      return v ? std::optional<long>(-*v) : std::nullopt;
    }
    if (n.kind != Kind::Number) return std::nullopt;
    const std::string& s = f_.literals_[n.at];
    if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return std::nullopt;
    return std::stol(s);
  }
  int node_count(int node) const {  // nodes of an integer literal's subtree: the number and its signs
    return f_.nodes_[node].kind == Kind::Neg ? 1 + node_count(f_.nodes_[node].a) : 1;
  }

  Value primary() {
    if (pos_ >= t_.size()) throw error(pos_, "expected a number, a name or '(', found the end");
    const std::size_t at = pos_;
    const char c = t_[pos_];
    if (accept('(')) {
      const Depth d(*this);
      const Value v = expr();
      expect(')', "to close the '(' at column " + std::to_string(at + 1));
      return v;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (!is_name_start(c)) throw error(at, fmt::format("unexpected '{}'", c));
    const std::string n = name();
    if (pos_ < t_.size() && t_[pos_] == '(') {
      if (n == "sum") return sum(at);
      return call(n, at);
    }
    return variable(n, at);
  }

  Value number() {
    const std::size_t at = pos_;
    const auto digits = [&] {
      const std::size_t s = pos_;
      while (pos_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[pos_]))) ++pos_;
      return pos_ - s;
    };
    std::size_t count = digits();
    if (pos_ < t_.size() && t_[pos_] == '.') {
      ++pos_;
      count += digits();
    }
    if (count == 0) throw error(at, "a number needs a digit");
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (digits() == 0) throw error(at, "a number's exponent needs a digit");
    }
    if (pos_ < t_.size() && is_name_char(t_[pos_])) throw error(pos_, fmt::format("unexpected '{}' in a number", t_[pos_]));
    const std::string text = t_.substr(at, pos_ - at);
    try {
      (void)parse_scalar<mp50>(text);
    } catch (const std::invalid_argument& e) {
      throw error(at, fmt::format("the number {}: {}", text, e.what()));
    }
    skip();
    Node n{Kind::Number};
    n.at = static_cast<int>(f_.literals_.size());
    f_.literals_.push_back(text);
    return add(n, 1, at);
  }

  Value variable(const std::string& n, std::size_t at) {
    if (find_index(n)) throw error(at, fmt::format("'{}' is a sum's index: it can only index a vector, as in x[{}]", n, n));
    const auto it = symbols_.find(n);
    if (it == symbols_.end()) {
      if (functions().count(n)) throw error(at, fmt::format("the function '{}' needs '(' and its argument", n));
      throw error(at, fmt::format("unknown name '{}'", n));
    }
    const Symbol& s = it->second;
    Node node{s.parameter ? Kind::Param : Kind::Column};
    node.at = s.offset;
    if (pos_ < t_.size() && t_[pos_] == '[') {
      if (s.size == 0) throw error(pos_, fmt::format("'{}' is a scalar: it takes no index", n));
      accept('[');
      const std::size_t iat = pos_;
      if (pos_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[pos_]))) {
        const std::size_t s0 = pos_;
        while (pos_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[pos_]))) ++pos_;
        const std::string digits = t_.substr(s0, pos_ - s0);
        skip();
        if (digits.size() > 9 || std::stol(digits) >= s.size)
          throw error(iat, fmt::format("index {} outside {}'s {} entries (indices are 0-based)", digits, n, s.size));
        node.at += static_cast<int>(std::stol(digits));
      } else if (pos_ < t_.size() && is_name_start(t_[pos_])) {
        const std::string k = name();
        Index* ix = find_index(k);
        if (!ix) throw error(iat, fmt::format("'{}' is not the index of an enclosing sum", k));
        if (ix->range == 0) {
          ix->range = s.size;
          ix->range_from = n;
        } else if (ix->range != s.size) {
          throw error(at, fmt::format("the sum's index '{}' runs over {}'s {} entries, but {} has {}", k, ix->range_from, ix->range, n, s.size));
        }
        node.slot = ix->slot;
      } else {
        throw error(pos_, "an index is an integer or a sum's index");
      }
      expect(']', fmt::format("to close {}[", n));
    } else if (s.size > 0) {
      throw error(at, fmt::format("'{}' is a vector of {} entries: index it, as in {}[0] or {}[k] in sum(k, ...)", n, s.size, n, n));
    }
    return add(node, 1, at);
  }

  Value call(const std::string& n, std::size_t at) {
    const auto it = functions().find(n);
    if (it == functions().end()) throw error(at, fmt::format("unknown function '{}'", n));
    const Depth d(*this);
    accept('(');
    std::vector<Value> args{expr()};
    while (accept(',')) args.push_back(expr());
    expect(')', fmt::format("to close {}(", n));
    const int want = it->second.first;
    if (static_cast<int>(args.size()) != want)
      throw error(at, fmt::format("{} takes {} argument{}, given {}", n, want, want == 1 ? "" : "s", args.size()));
    f_.smooth_ = f_.smooth_ && it->second.second;
    static const std::map<std::string, Formula::Fn> fn = {
        {"exp", Formula::Fn::Exp},         {"log", Formula::Fn::Log},   {"sqrt", Formula::Fn::Sqrt},
        {"tanh", Formula::Fn::Tanh},       {"sin", Formula::Fn::Sin},   {"cos", Formula::Fn::Cos},
        {"sigmoid", Formula::Fn::Sigmoid}, {"softplus", Formula::Fn::Softplus}, {"relu", Formula::Fn::Relu},
        {"abs", Formula::Fn::Abs},         {"min", Formula::Fn::Min},   {"max", Formula::Fn::Max}};
    Node node{Kind::Call};
    node.fn = fn.at(n);
    node.a = args[0].node;
    long long work = args[0].work + 4;  // each function is at most four tape operations
    if (args.size() > 1) {
      node.b = args[1].node;
      work += args[1].work;
    }
    return add(node, work, at);
  }

  Value sum(std::size_t at) {
    const Depth d(*this);
    accept('(');
    const std::size_t kat = pos_;
    if (pos_ >= t_.size() || !is_name_start(t_[pos_])) throw error(pos_, "sum( needs an index name first, as in sum(k, x[k])");
    const std::string k = name();
    if (symbols_.count(k) || functions().count(k) || k == "sum" || find_index(k))
      throw error(kat, fmt::format("the sum's index '{}' is already a name in use", k));
    expect(',', "after the sum's index");
    scope_.push_back(Index{k, f_.slots_++, 0, ""});
    const int first = static_cast<int>(f_.nodes_.size());
    const Value body = expr();
    expect(')', "to close sum(");
    const Index ix = scope_.back();
    scope_.pop_back();
    if (ix.range == 0) throw error(kat, fmt::format("the sum's index '{}' indexes no vector", k));
    Node node{Kind::Sum};
    node.at = ix.slot;
    node.range = ix.range;
    node.first = first;
    return add(node, body.work * ix.range + 1, at);
  }

  Index* find_index(const std::string& n) {
    for (Index& i : scope_)
      if (i.name == n) return &i;
    return nullptr;
  }

  const std::string& t_;
  Formula& f_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::map<std::string, Symbol> symbols_;
  std::vector<Index> scope_;
};

Formula::Formula(const std::string& text, const FormulaSymbols& symbols) {
  FormulaParser p(text, symbols, *this);
  p.parse();
}

}  // namespace irverify
