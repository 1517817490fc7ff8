// The MOM and ADAM claims' hyper-parameters from a problem file's "optimizer" (theory/problem/problem_spec.hpp): the
// file's value where it gives one (rounded once, in S), else the claim's defaults. Which optimizers a claim takes is
// Claim::optimizers (checks/framework/claim.hpp); the names and ranges are validated when the file is read.
#pragma once

#include "theory/problem/problem_spec.hpp"
#include "theory/scalar.hpp"

#include <string>
#include <vector>

namespace irverify {

template <class S>
std::vector<S> optimizer_values(const ProblemSpec& s, std::string OptimizerSpec::*key, const std::vector<S>& defaults) {
  if (s.optimizer && !((*s.optimizer).*key).empty()) return {parse_scalar<S>((*s.optimizer).*key)};
  return defaults;
}

// True unless the problem names an optimizer other than `name`.
inline bool optimizer_selects(const ProblemSpec& s, const std::string& name) { return !s.optimizer || s.optimizer->name == name; }

}  // namespace irverify
