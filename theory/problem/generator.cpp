#include "theory/problem/generator.hpp"

#include "theory/random/counter_stream.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace irverify {

namespace {
constexpr int kBits = 12;
constexpr double kGrid = 4096.0;  // 2^kBits

// Draws a multiple of 2^-12 uniformly from [lo, hi].
struct GridDraw {
  CounterStream rng;
  long long draw(double lo, double hi) {
    const long long a = std::llround(lo * kGrid), b = std::llround(hi * kGrid);
    return a + static_cast<long long>(rng.below(static_cast<std::uint32_t>(b - a + 1)));
  }
  std::string text(double lo, double hi) { return dyadic_text(draw(lo, hi), kBits); }
};

enum Field : std::uint32_t { kFeatures = 1, kTeacher = 2, kNoise = 3, kTheta = 4, kTerms = 5 };

struct Sizes {
  int n, p, m;
};
Sizes default_sizes(const std::string& model) {
  if (model == "least-squares") return {8, 4, 0};
  if (model == "quadratic") return {4, 3, 0};
  if (model == "two-param") return {2, 1, 0};
  if (model == "diag-uv" || model == "diag-uu-vv") return {5, 3, 0};
  if (is_matrix_net(model)) return {8, 4, 3};
  return {6, 2, 3};  // two-layer
}
constexpr int kMatrixNetOutputs = 3;
}  // namespace

std::string dyadic_text(long long k, int bits) {
  if (bits < 0 || bits > 20) throw std::invalid_argument("dyadic_text: bits out of range");
  // k / 2^bits = k * 5^bits / 10^bits, an exact decimal.
  long long five = 1;
  for (int i = 0; i < bits; ++i) five *= 5;
  const bool neg = k < 0;
  const unsigned long long num = static_cast<unsigned long long>(std::llabs(k)) * static_cast<unsigned long long>(five);
  std::string digits = std::to_string(num);
  if (static_cast<int>(digits.size()) <= bits) digits.insert(0, bits + 1 - digits.size(), '0');
  std::string ip = digits.substr(0, digits.size() - bits), fp = digits.substr(digits.size() - bits);
  while (!fp.empty() && fp.back() == '0') fp.pop_back();
  std::string s = (neg && num != 0 ? "-" : "") + ip;
  if (!fp.empty()) s += "." + fp;
  return s;
}

ProblemSpec as_formula(const ProblemSpec& b) {
  ProblemSpec f = b;
  f.model = "formula";
  f.hidden = 0;
  f.name = b.name.empty() ? "" : b.name + " (formula)";
  const int p = b.features();
  const std::string m = b.model;
  if (m == "least-squares") {
    f.symbols.parameters = {{"w", p}};
    f.residual = "sum(k, w[k] * x[k]) - y";
  } else if (m == "two-param") {
    f.symbols.parameters = {{"a", 0}, {"b", 0}};
    f.symbols.columns = {{"x", 0}, {"y", 0}};
    f.residual = "a * b * x - y";
  } else if (m == "diag-uv" || m == "diag-uu-vv") {
    f.symbols.parameters = {{"u", p}, {"v", p}};
    f.residual = m == "diag-uv" ? "sum(k, u[k] * v[k] * x[k]) - y" : "sum(k, (u[k]^2 - v[k]^2) * x[k]) - y";
  } else if (m == "two-layer-tanh" || m == "two-layer-relu") {  // theta = (a, w_0, ..., w_{m-1})
    const char* act = m == "two-layer-tanh" ? "tanh" : "relu";
    f.symbols.parameters = {{"a", b.hidden}};
    std::string r;
    for (int j = 0; j < b.hidden; ++j) {
      f.symbols.parameters.push_back({fmt::format("w{}", j), p});
      r += fmt::format("{}a[{}] * {}(sum(k, w{}[k] * x[k]))", j ? " + " : "", j, act, j);
    }
    f.residual = r + " - y";
  } else {
    problem_error(b, fmt::format("no formula is written for model {} (least-squares, two-param, diag-uv, diag-uu-vv, "
                                 "two-layer-tanh, two-layer-relu)", m));
  }
  validate(f);
  return f;
}

ProblemSpec generate_problem(const std::string& model, std::uint64_t seed, GeneratorOptions opt) {
  ProblemSpec s;
  s.model = model;
  s.seed = seed;
  s.origin = fmt::format("generator(model={}, seed={})", model, seed);
  const Sizes d = default_sizes(model);
  const int n = opt.examples > 0 ? opt.examples : d.n;
  const int p = model == "two-param" ? 1 : (opt.features > 0 ? opt.features : d.p);
  s.hidden = opt.hidden > 0 ? opt.hidden : d.m;
  if (opt.outputs > 0 && !is_matrix_net(model)) problem_error(s, fmt::format("{} has one output per example (outputs: linear2, relu2)", model));
  if (is_matrix_net(model)) s.outputs = opt.outputs > 0 ? opt.outputs : kMatrixNetOutputs;
  // Only problems the reader takes back: its limits, and at most kMaxInputBytes of text, checked before anything is
  // drawn (a lower bound: each number takes at least 8 bytes as written, its own line of two quotes, a digit, a comma
  // or line end and at least four spaces of indentation); the exact size is checked on the text.
  if (n > kMaxExamples) problem_error(s, fmt::format("examples = {}: more than the reader's limit of {}", n, kMaxExamples));
  if (s.hidden > kMaxHidden) problem_error(s, fmt::format("hidden = {}: more than the reader's limit of {}", s.hidden, kMaxHidden));
  if (s.outputs > kMaxOutputs) problem_error(s, fmt::format("outputs = {}: more than the reader's limit of {}", s.outputs, kMaxOutputs));
  const double q = s.outputs, numbers = model == "quadratic" ? double(n) * p * (p + 1)  // A and b of each term
                                        : double(n) * (p + q) + (is_matrix_net(model) ? double(s.hidden) * (p + q) : 0.0);
  if (8 * numbers > double(kMaxInputBytes))
    problem_error(s, fmt::format("about {:.3g} numbers: the file would exceed the {} MiB a problem file may have", numbers,
                                 kMaxInputBytes >> 20));
  s.name = fmt::format("{}-n{}-p{}-s{}", model, n, p, seed);
  GridDraw feat{CounterStream(seed, kFeatures)}, teach{CounterStream(seed, kTeacher)},
      noise{CounterStream(seed, kNoise)}, theta{CounterStream(seed, kTheta)}, terms{CounterStream(seed, kTerms)};

  if (model == "quadratic") {
    for (int i = 0; i < n; ++i) {
      QuadraticTermSpec t;
      t.A.assign(p, std::vector<std::string>(p));
      for (int r = 0; r < p; ++r)
        for (int c = r; c < p; ++c) {
          const long long k = terms.draw(-0.5, 0.5) + (r == c ? static_cast<long long>(kGrid) : 0);
          t.A[r][c] = t.A[c][r] = dyadic_text(k, kBits);
        }
      for (int r = 0; r < p; ++r) t.b.push_back(terms.text(-1, 1));
      s.terms.push_back(std::move(t));
    }
  } else {
    // A teacher of the same family gives labels with structure; noise keeps the loss away from zero.
    std::vector<double> w(p);
    for (auto& x : w) x = static_cast<double>(teach.draw(-1, 1)) / kGrid;
    std::vector<double> u(s.outputs);  // matrix nets: the teacher's output direction (w is its input direction)
    for (auto& x : u) x = is_matrix_net(model) ? static_cast<double>(teach.draw(-1, 1)) / kGrid : 1.0;
    for (int i = 0; i < n; ++i) {
      std::vector<std::string> row;
      double f = 0;
      for (int k = 0; k < p; ++k) {
        const long long xk = feat.draw(-1, 1);
        row.push_back(dyadic_text(xk, kBits));
        const double xv = static_cast<double>(xk) / kGrid;
        f += (model.rfind("two-layer", 0) == 0 ? std::tanh(w[k] * xv) : w[k] * xv);
      }
      if (model == "two-param") f = 1.0 + (f > 0 ? 0.5 : -0.5);  // a label near 1, theta1 theta2 = y/x
      if (model == "relu2") f = std::max(f, 0.0);
      for (int k = 0; k < s.outputs; ++k) row.push_back(dyadic_text(std::llround(u[k] * f * kGrid) + noise.draw(-0.1, 0.1), kBits));
      s.data.push_back(std::move(row));
    }
  }
  s.theta0.clear();
  const int dim = s.dim();
  for (int i = 0; i < dim; ++i) {
    if (model == "two-param") {
      const double base = i == 0 ? 2.0 : 0.25;
      s.theta0.push_back(dyadic_text(std::llround(base * static_cast<double>(theta.draw(0.75, 1.25))), kBits));
    } else if (model == "diag-uv" || model == "diag-uu-vv") {
      const long long mag = theta.draw(0.25, 1.0);
      s.theta0.push_back(dyadic_text(theta.draw(0, 1) >= kGrid / 2 ? mag : -mag, kBits));
    } else {
      s.theta0.push_back(theta.text(-1, 1));
    }
  }
  validate(s);
  return s;
}

std::vector<ProblemSpec> builtin_problems() {
  std::vector<ProblemSpec> v;
  for (const auto& m : model_kinds())
    if (!is_matrix_net(m)) v.push_back(generate_problem(m, 1));
  return v;
}

}  // namespace irverify
