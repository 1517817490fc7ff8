#include "checks/igr/flat_minima_study.hpp"


namespace irverify {

bool strictly_decreasing(const std::vector<double>& v, double resolution) {
  for (std::size_t i = 1; i < v.size(); ++i)
    if (!(v[i] < v[i - 1] - resolution)) return false;
  return true;
}

std::string flat_minima_not_applicable(const ProblemSpec& s) {
  if (s.is_formula()) return requires_smooth(s);
  return requires_model(s, {"two-param", "diag-uv", "formula"});
}

}  // namespace irverify
