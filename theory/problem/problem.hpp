// Problem instances: model + data + theta0 (+ partition into minibatches) (CLAIMS.md, Models).
//
// A ProblemSpec holds every number as decimal text, exactly as written in a
// problem file or produced by the generator, so one spec builds the *same*
// problem in every precision (build_problem<S> rounds each number once, in S).
// Formats: theory/problem/problem_io.hpp; generator: theory/problem/generator.hpp.
#pragma once

#include "theory/models/models.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace irverify {

// Bad input: the message names the origin (file[:line] or generator) and the problem.
class ProblemError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct QuadraticTermSpec {
  std::vector<std::vector<std::string>> A;
  std::vector<std::string> b;
  std::string c = "0";
};

struct ProblemSpec {
  std::string name;
  std::string model;  // one of model_kinds()
  int hidden = 0;     // two-layer only
  std::vector<std::vector<std::string>> data;  // rows: features..., label
  std::vector<std::string> data_where;         // optional: where each row came from ("f.csv:7")
  std::vector<QuadraticTermSpec> terms;        // quadratic only
  std::vector<std::string> theta0;
  std::vector<std::vector<int>> partition;     // optional; blocks of example indices
  std::string h0;                              // optional; largest step of a ladder
  std::string origin;                          // file path, or "generator"
  std::uint64_t seed = 0;                      // generator seed (0 for files)

  int num_examples() const;
  int features() const;  // columns of data minus the label
  int dim() const;       // length of theta implied by the model and data
  nlohmann::json to_json() const;  // the problem-file format
};

// Model kinds, as spelled in problem files.
const std::vector<std::string>& model_kinds();

// Structural checks (model known, rows not ragged, dimensions, partition, h0 > 0).
// Throws ProblemError naming spec.origin.
void validate(const ProblemSpec& spec);

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
