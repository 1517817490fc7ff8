// Problems the claims of several families share (CLAIMS.md, "Beyond the seeds": toys best written as formula models).
#pragma once

#include "theory/problem/problem_io.hpp"

namespace irverify {

// The uv-ridge toy L = 1/2 (x y - 1)^2 + 0.1 x^2, theta = (x, y) from (1.5, 0.25): a loss with no data (MOM, ADAM).
inline ProblemSpec uv_ridge_toy() {
  return parse_problem_text(R"j({"format": "irverify-problem-1", "name": "uv-ridge toy",
    "comment": "CLAIMS.md's toy 1/2 (x y - 1)^2 + 0.1 x^2", "model": "formula", "parameters": ["x", "y"],
    "loss": "0.5 * (x * y - 1)^2 + 0.1 * x^2", "theta0": ["1.5", "0.25"]})j", "uv-ridge toy");
}

}  // namespace irverify
