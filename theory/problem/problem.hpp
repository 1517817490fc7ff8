// A problem built in precision S from its spec (theory/problem/problem_spec.hpp): the model, theta0, the partition
// and the ladder's largest step, each number rounded once from its decimal text.
#pragma once

#include "theory/models/models.hpp"
#include "theory/problem/problem_spec.hpp"

#include <memory>
#include <string>
#include <vector>

namespace irverify {

template <class S> struct Problem {
  ProblemSpec spec;
  std::unique_ptr<Model<S>> model;
  Vec<S> theta0;
  std::vector<Batch> partition;  // empty if the spec has none
  bool has_h0 = false;
  S h0 = S(0);
};

// Validates, then builds the problem in precision S.
template <class S> Problem<S> build_problem(const ProblemSpec& spec);

}  // namespace irverify
