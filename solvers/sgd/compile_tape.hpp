// A formula model's per-example gradient tape (theory/ad/example_tape.hpp) compiled for the tape kernel
// (solvers/simd/tape_kernel.hpp): the operations the gradient needs (the data's adjoints and dead nodes dropped), in
// order, renumbered after the inputs (theta, then the row). A chain of additions (each partial sum used once, by the
// next) becomes a balanced tree over its terms in their order (pairs of neighbours, level by level): the sum's
// rounding differs from the tape's, and its additions no longer wait on each other. The operations are then ordered
// by level and their value slots reused (compile_tape.cpp); every value is the tape's.
#pragma once

#include "solvers/simd/tape_kernel.hpp"
#include "theory/ad/example_tape.hpp"

namespace irverify {

CompiledTape compile_tape(const ExampleTape<double>& t);

}  // namespace irverify
