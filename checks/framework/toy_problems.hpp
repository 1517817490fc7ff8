// Problems the claims of several families share (CLAIMS.md, "Beyond the seeds": toys best written as formula models).
#pragma once

#include "theory/problem/generator.hpp"
#include "theory/problem/problem_io.hpp"

#include <vector>

namespace irverify {

// The uv-ridge toy L = 1/2 (x y - 1)^2 + 0.1 x^2, theta = (x, y) from (1.5, 0.25): a loss with no data (MOM, ADAM).
inline ProblemSpec uv_ridge_toy() {
  return parse_problem_text(R"j({"format": "irverify-problem-1", "name": "uv-ridge toy",
    "comment": "CLAIMS.md's toy 1/2 (x y - 1)^2 + 0.1 x^2", "model": "formula", "parameters": ["x", "y"],
    "loss": "0.5 * (x * y - 1)^2 + 0.1 * x^2", "theta0": ["1.5", "0.25"]})j", "uv-ridge toy");
}

// Four cubic batch losses l_i = a x + b y + (x^2 + y^2)/2 + c x^2 y + e y^3 (one example per batch), theta = (x, y) from
// (0.4, -0.3): constant, different third derivatives and non-commuting Hessians (RR-3).
inline ProblemSpec cubic_batches_toy() {
  return parse_problem_text(R"j({"format": "irverify-problem-1", "name": "cubic-batches toy",
    "comment": "CLAIMS.md's cubic batch losses", "model": "formula", "parameters": ["x", "y"], "columns": ["a", "b", "c", "e"],
    "loss": "a * x + b * y + 0.5 * (x^2 + y^2) + c * x^2 * y + e * y^3",
    "data": [["1.0", "-0.5", "0.3", "0.2"], ["-0.7", "0.4", "-0.2", "0.5"], ["0.2", "0.9", "0.6", "-0.4"], ["-0.5", "-0.8", "-0.1", "0.3"]],
    "partition": [[0], [1], [2], [3]], "theta0": ["0.4", "-0.3"]})j", "cubic-batches toy");
}

// The shuffled-SGD instances of the third-order epoch field (RR-3, BEA-2): the cubic batches and three generated models.
inline std::vector<ProblemSpec> epoch_field_problems() {
  std::vector<ProblemSpec> v{cubic_batches_toy()};
  for (const char* kind : {"least-squares", "diag-uv", "two-layer-tanh"}) v.push_back(generate_problem(kind, 1));
  return v;
}

}  // namespace irverify
