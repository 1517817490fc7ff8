#include "checks/rank/rank_setup.hpp"

#include "theory/problem/generator.hpp"

#include <cmath>

namespace irverify {

namespace {
// x 2^-shift of a decimal text that is a multiple of 2^-12 (the generator's grid), exactly.
std::string shifted(const std::string& text, int shift) {
  const double x = std::stod(text);
  return dyadic_text(std::llround(std::ldexp(x, 12)), 12 + shift);
}
}  // namespace

ProblemSpec scaled_matrix_problem(ProblemSpec s, int fx, int fy, int ft) {
  const int p = s.features();
  for (auto& row : s.data)
    for (std::size_t k = 0; k < row.size(); ++k) row[k] = shifted(row[k], static_cast<int>(k) < p ? fx : fy);
  for (auto& t : s.theta0) t = shifted(t, ft);
  s.name += fmt::format("-scaled{}{}{}", fx, fy, ft);
  validate(s);
  return s;
}

}  // namespace irverify
