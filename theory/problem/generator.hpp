// Seeded problem generator (documented in README.md, "Generated problems").
//
// Every number is a multiple of 2^-12 drawn from CounterStream(seed, field), so
// it is exact in every precision and its decimal text is exact: a generated
// problem is the same problem in double, quad and mp50, and written to a file
// it reads back bit-identically.
//   features x_ik ~ U[-1, 1];  labels y_i = teacher(x_i) + U[-0.1, 0.1] (teacher drawn from the seed);
//   theta0 ~ U[-1, 1] per coordinate (diag nets: |.| in [0.25, 1], two-param: (2, 1/4) scaled by U[0.75, 1.25]);
//   quadratic: A_i = I + S_i, S_i symmetric with entries U[-0.5, 0.5]; b_i ~ U[-1, 1]; c_i = 0;
//   linear2 / relu2: labels y_i = u (v . x_i) (relu2: u relu(v . x_i)), a rank-one teacher with u ~ U[-1, 1]^q,
//   v ~ U[-1, 1]^p, plus U[-0.1, 0.1] per label.
#pragma once

#include "theory/problem/problem_spec.hpp"

namespace irverify {

struct GeneratorOptions {
  int examples = 0;  // 0: the model's default size
  int features = 0;
  int hidden = 0;
  int outputs = 0;  // linear2, relu2 only
};

ProblemSpec generate_problem(const std::string& model, std::uint64_t seed, GeneratorOptions opt = {});

// The built-in instances the claims run on by default: one per model kind, seed 1 (not linear2 and relu2: their
// multi-output loss has no scalar residual; the RANK claims bring their own).
std::vector<ProblemSpec> builtin_problems();

// A built-in toy's spec written as a formula model (issue 30; `irverify generate MODEL --formula`): the same data, θ0
// and keys, the residual as text (least-squares, two-param, diag-uv, diag-uu-vv, two-layer-tanh, two-layer-relu);
// ProblemError for other models.
ProblemSpec as_formula(const ProblemSpec& builtin);
// Exact decimal text of k * 2^-bits (bits <= 20).
std::string dyadic_text(long long k, int bits);

}  // namespace irverify
