// What the shuffled-SGD claims (CLAIMS.md SGD-1..SGD-4, RR-3) start from: a problem, its partition into m equal batches (the
// problem's, else consecutive blocks of B = 2 examples when N is even, B = 1 otherwise), and the largest
// learning rate of a ladder, eps0 = 1/(4 m max(1, lambda_max(H), max_k lambda_max(H_k))) rounded down to a power
// of two (one epoch then moves by about a quarter of the local scale), or the problem's h0 if given.
#pragma once

#include "checks/framework/ladder_setup.hpp"
#include "solvers/sgd/shuffling.hpp"
#include "theory/problem/generator.hpp"

#include <fmt/format.h>

namespace irverify {

inline constexpr int kSgdMaxBatches = 8;  // exact enumeration of m! orders

inline std::vector<std::vector<int>> default_partition(int n) {
  const int b = n % 2 == 0 ? 2 : 1;
  std::vector<std::vector<int>> p;
  for (int i = 0; i < n; i += b) {
    p.emplace_back();
    for (int j = i; j < i + b; ++j) p.back().push_back(j);
  }
  return p;
}

// "" if the problem can run shuffled-SGD claims: a smooth model, 2 <= m <= 8 equal batches.
inline std::string sgd_not_applicable(const ProblemSpec& s) {
  if (std::string why = requires_smooth(s); !why.empty()) return why;
  const auto p = s.partition.empty() ? default_partition(s.num_examples()) : s.partition;
  if (p.size() < 2 || p.size() > kSgdMaxBatches)
    return fmt::format("the partition has {} batches; SGD claims need 2 to {} (give a partition)", p.size(), kSgdMaxBatches);
  for (const auto& b : p)
    if (b.size() != p[0].size()) return "batches of unequal size: L is then not the mean of the batch losses";
  return "";
}

// The default SGD problems: least-squares (m = 4, and m = 8 with single-example batches), diag-uv, diag-uu-vv
// (m = 5) and the tanh network (m = 3).
inline std::vector<ProblemSpec> sgd_builtin_problems() {
  std::vector<ProblemSpec> v;
  for (const char* kind : {"least-squares", "diag-uv", "diag-uu-vv", "two-layer-tanh"}) v.push_back(generate_problem(kind, 1));
  ProblemSpec m8 = generate_problem("least-squares", 1);
  m8.partition.clear();
  for (int i = 0; i < m8.num_examples(); ++i) m8.partition.push_back({i});
  m8.name += "-m8";
  v.push_back(m8);
  return v;
}

template <class S> struct SgdSetup : LadderSetup<S> {
  Partition part;
  S eps0;
  SgdSetup(const RunContext& ctx, const ProblemSpec& spec) : LadderSetup<S>(ctx, spec) {
    const std::string why = sgd_not_applicable(spec);
    if (!why.empty()) throw ProblemError(spec.origin + ": " + why);
    for (const auto& b : spec.partition.empty() ? default_partition(spec.num_examples()) : spec.partition)
      part.emplace_back(b.begin(), b.end());
    S lam = std::max(S(1), spectral_radius<S>(this->H0));
    for (const auto& b : part) lam = std::max(lam, spectral_radius<S>(this->model().hessian(this->theta0(), b)));
    const S m(static_cast<int>(part.size()));
    eps0 = start_step<S>(this->pr, S(m * lam), "m max(1, lambda_max(H), max_k lambda_max(H_k))",
                         power_of_two_below<S>(S(1) / (4 * m * lam)));
  }
  int batches() const { return static_cast<int>(part.size()); }
  Case start(const std::string& label) const {
    Case c = LadderSetup<S>::start(label);
    c.extra["partition"] = {{"batches", batches()}, {"batch_size", part[0].size()}};
    return c;
  }
};

}  // namespace irverify
