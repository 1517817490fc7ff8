// One example's loss gradient as one program for every example (issue 34): inputs theta[0..dim) then the example's
// data row[0..columns), outputs grad_theta l(theta, row) (dim of them), the data entering as inputs rather than folded
// constants, so the tape's shape is the same for every example and a replay can run examples (or runs) side by side
// (solvers/simd/tape_kernel.hpp). rows: every example's row, examples x columns, row-major.
#pragma once

#include "theory/ad/reverse.hpp"

#include <memory>
#include <vector>

namespace irverify {

template <class S> struct ExampleTape {
  Program<S> gradient;
  std::vector<S> rows;
  int dim = 0, columns = 0, examples = 0;
};

// The tape of loss(theta, row) (Vars) over dim parameters and `columns` data numbers.
template <class S, class Loss>
std::shared_ptr<const ExampleTape<S>> record_example_tape(int dim, int columns, int examples, std::vector<S> rows, Loss loss) {
  auto t = std::make_shared<ExampleTape<S>>();
  t->gradient = gradient_program_of<S>(dim + columns, [&](const std::vector<Var<S>>& in) {
    const std::vector<Var<S>> theta(in.begin(), in.begin() + dim), row(in.begin() + dim, in.end());
    return loss(theta, row);
  });
  t->gradient.outputs.resize(static_cast<std::size_t>(dim));  // the data's adjoints are not asked for
  t->rows = std::move(rows);
  t->dim = dim;
  t->columns = columns;
  t->examples = examples;
  return t;
}

}  // namespace irverify
