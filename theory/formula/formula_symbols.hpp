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

// The numbers a list of names occupies (theta's length for the parameters, a row's for the columns).
inline long long count_of(const std::vector<FormulaName>& names) {
  long long n = 0;
  for (const FormulaName& x : names) n += x.count();
  return n;
}

struct FormulaSymbols {
  std::vector<FormulaName> parameters;
  std::vector<FormulaName> columns;
};

}  // namespace irverify
