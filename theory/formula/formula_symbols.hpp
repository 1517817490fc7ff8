// The names a formula model's text may use (issue 30; theory/formula/formula.hpp): its parameters (theta is their
// concatenation in the order given) and its data columns (a row of the problem's data, in the order given). Light: no
// tape, no Eigen, so problem specs carry it.
#pragma once

#include <string>
#include <vector>

namespace irverify {

struct FormulaName {
  std::string name;
  int size = 0;  // 0: a scalar; n >= 1: a vector of n entries, written name[k] (0-based)
  int count() const { return size == 0 ? 1 : size; }  // the numbers it occupies
};

struct FormulaSymbols {
  std::vector<FormulaName> parameters;
  std::vector<FormulaName> columns;
};

}  // namespace irverify
