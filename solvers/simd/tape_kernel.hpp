// Shuffled SGD on any model with a per-example gradient tape (theory/ad/example_tape.hpp: formula models) through the
// SIMD kernel interface (solvers/simd/sgd_kernel.hpp), issue 34: the tape is compiled once (the operations the
// gradient needs, in order, on numbered value slots) and replayed with no allocation per step, in one of two layouts:
// eight runs in the lanes (solvers/simd/tape_body.inc), or, for large tapes, the dimension in the lanes, one run at
// a time (tape_wide_body.inc: runs of equal operations on evenly spaced slots as vector operations, a step's
// operations on theta alone once, several examples of a batch side by side):
//   a step on batch b of size B: theta -= (eps/B) sum_{i in b} grad l_i(theta), the sum in the batch's stored order;
//   or, from the same sum, a step of SGD with weight decay, heavy ball or Adam (simd::Update, solvers/simd/views.hpp).
// Both layouts and every ISA give the same bits; against the generic Model path (the batch loss's tape, Var replay)
// they differ by the summation order only.
#pragma once

#include "solvers/simd/sgd_kernel.hpp"
#include "solvers/simd/views.hpp"

#include <vector>

namespace irverify {

// A compiled per-example gradient tape (solvers/simd/views.hpp, TapeView; made from theory/ad/example_tape.hpp by
// solvers/sgd/compile_tape.hpp): of the `slots` value slots, 0..dim hold theta and dim..dim + cols the data
// row; operation k reads slots a[k], b[k] (-1: none) and writes slot dst[k] >= dim + cols, which later operations may
// reuse once its value is dead.
struct CompiledTape {
  std::vector<simd::TapeOp> op;
  std::vector<int> a, b, dst, out;
  std::vector<int> run_len;  // runs of equal operations, in order (their lengths sum to op.size())
  std::vector<double> c, out_c;
  std::vector<double> rows;  // examples x cols
  int dim = 0, cols = 0, examples = 0, slots = 0;
};

// The kernels' view of a compiled tape (its batches, state stride and update given; none for tape_noise).
simd::TapeView tape_view(const CompiledTape& t, simd::Batches b = {}, int stride = 0, const simd::Update& u = {});

class TapeSgdKernel : public SgdKernel {
 public:
  // Runs: eight runs in the lanes (tape_body.inc); Dimension: the dimension in the lanes, one run at a time
  // (tape_wide_body.inc), for large tapes whose eight-lane values overflow the L1 cache; Auto picks by the measured
  // crossover (tape_kernel.cpp). The same bits either way.
  enum class Layout { Auto, Runs, Dimension };
  TapeSgdKernel(CompiledTape tape, const std::vector<std::vector<int>>& batches, double eps, Layout layout = Layout::Auto);
  // The optimizer u (checked_update, solvers/simd/sgd_kernel.hpp) in place of plain SGD: state update_stride.
  TapeSgdKernel(CompiledTape tape, const std::vector<std::vector<int>>& batches, const simd::Update& u,
                Layout layout = Layout::Auto);

  Layout layout() const { return layout_; }
  // The Dimension layout's plan (all 0 in Runs): segments run once a step (on theta alone) and per example, those
  // adding to the gradient in place, the gradient entries read straight from slots, examples a block, whether rows
  // are copied.
  struct Plan {
    int shared = 0, segments = 0, fused = 0, gathers = 0, block = 0;
    bool copy_row = false;
  };
  Plan plan() const;
  // Tape operations per per-example gradient (each a multiply-add's worth or less, for the benchmark's roofline).
  double multiply_adds() const override { return static_cast<double>(t_.op.size()); }
  void pack(const double* theta, double* state) const override { pack_update(u_, theta, dim(), state); }
  void unpack(const double* state, double* theta) const override;

 private:
  int scratch_doubles() const override;
  void run(const simd::KernelTable& t, const int* orders, double* state, int count, double* scratch) const override;
  void plan_wide();

  CompiledTape t_;
  simd::Update u_;
  Layout layout_;
  struct {  // the Dimension layout's plan (simd::TapeWideView)
    std::vector<simd::TapeSegment> shared, seg;
    std::vector<double> c, consts;
    AlignedVector<double> rows;  // pad8(cols) a row
    int const_slot = 0, span = 0, block = 1;
    bool copy_row = false;
  } w_;
};

}  // namespace irverify
