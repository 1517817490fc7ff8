// What the per-ISA translation units of the SIMD kernels see (solvers/simd/kernels.inc): plain pointers and one
// table of entry points per ISA, no includes, so that no inline library code is compiled with an ISA flag and then
// shared with baseline code. Every state vector is a multiple of 8 doubles, zero-padded, 64-byte aligned.
#pragma once

namespace irverify::simd {

struct Batches {
  const int* index;  // m x B example indices
  int m, B;
  double c;          // eps / B
};

// Least squares (solvers/simd/ls_kernel.hpp): state = theta, dp doubles.
struct LsView {
  Batches b;
  const double* X;  // N x dp, row-major, zero-padded
  const double* y;  // N
  int dp;
};

// Diagonal nets (solvers/simd/diag_kernel.hpp): state = (u, v), 2 pp doubles.
struct DiagView {
  Batches b;
  const double* X;  // N x pp, row-major, zero-padded
  const double* y;  // N
  int pp;
  bool squares;     // beta = u (.) u - v (.) v (diag-uu-vv), else u (.) v
};

// Dense two-layer nets (solvers/simd/dense_kernel.hpp): state = (W1 columns, W2 rows), (p + q) hp doubles.
enum class Act { Identity, Relu, Tanh };
struct DenseView {
  Batches b;
  const double* X;  // N x p, row-major
  const double* Y;  // N x q, row-major
  int p, q, hp;
  Act act;
};

// A step's update from its batch's gradient sum G = sum_{j in b} grad l_j (solvers/simd/update_body.inc), each
// entry's operations in this order, as solvers/iterate/momentum.hpp, adam.hpp and solvers/rank/weight_decay_sgd.hpp
// write them (c = Batches::c):
//   Sgd:          theta = theta - c G                                  (c = h / B, h the step)
//   WeightDecay:  theta = (1 - 2 h lambda) theta - h (c G)             (c = 1 / B; Galanti et al. eq. (2))
//   HeavyBall:    d = beta d - h (c G), theta = theta + d              (c = 1 / B; from rest, d_0 = 0)
//   Adam:         beta^n *= beta, rho^n *= rho; hc = h (1 / (1 - beta^n)), cv = 1 / (1 - rho^n) (h and 1 without
//                 bias correction); g = c G, m = beta m + (1 - beta) g, nu = rho nu + (1 - rho) (g g),
//                 theta = theta - (hc m) / (sqrt(cv nu) + eps), or / sqrt(cv nu + eps) with eps inside.
// A run's state: theta, then d (HeavyBall) or m, nu and the powers (beta^n, rho^n) (Adam), pad8(dim) doubles each.
enum class UpdateKind : unsigned char { Sgd, WeightDecay, HeavyBall, Adam };
struct Update {
  UpdateKind kind = UpdateKind::Sgd;
  double h = 0, beta = 0, rho = 0, eps = 0, lambda = 0;
  bool eps_inside = true, bias_correction = true;
};

// Least squares with weight decay, heavy ball or Adam (solvers/simd/ls_optimizer_kernel.hpp).
struct LsOptimizerView {
  Batches b;        // c = 1 / B
  const double* X;  // N x dp, row-major, zero-padded
  const double* y;  // N
  int dp, stride;   // stride: a run's state (update_stride)
  Update u;
};

// A model's per-example gradient tape (solvers/simd/tape_kernel.hpp): state = a run's (Update), stride doubles. The
// tape's operations in order, each writing value slot dst[k] from slots a[k], b[k] (and c[k]), in runs of equal
// operations (run_len); of the `slots` value slots, 0..dim hold theta and dim..dim + cols the example's data row;
// out[q] is the slot of gradient entry q, or -1 for the constant out_c[q].
enum class TapeOp : unsigned char { Input, Add, Sub, Mul, Neg, AddC, MulC, Tanh, Relu, Step, Exp, Log, Recip, Sqrt, Sin, Cos };
struct TapeView {
  Batches b;
  const TapeOp* op;
  const int *a, *b2, *dst;
  const double* c;
  const int* run_len;
  int runs, slots, dim, cols;
  const double* rows;  // N x cols, row-major
  const int* out;
  const double* out_c;
  int stride;
  Update u;  // the step's update (tape_run; tape_noise ignores it)
};
// The same tape replayed with the dimension in the lanes (solvers/simd/tape_kernel.hpp), one run at a time, `block`
// examples of a batch side by side, each in its own block of `span` slots: its operations renumbered in order and cut
// into segments of equal operations whose operand slots are evenly spaced; segment (op, n, dst, a, sa, b, sb, k) is,
// for j = 0..n-1,
//   slot dst + j = (slot a + sa j) op (slot b + sb j), with c[k + j] for AddC / MulC (b unused for unary operations),
// reading only slots below dst; bits 0-1 (2-3) of `from` say where a (b) counts from: 0 the example's block, 1 its
// data row (copied into the block's slots dim.. too if copy_row), 2 block 0 (theta and the shared segments' results);
// g >= 0: the results are gradient entries g + j, added to the batch's sum in place of the slots (op Input: the
// identity, a gradient entry read from a slot). Slots from const_slot hold the gradient's constant entries (consts).
// Every array is padded for whole registers.
struct TapeSegment {
  TapeOp op;
  unsigned char from;
  int n, dst, a, sa, b, sb, k, g;
};
struct TapeWideView {
  Batches b;
  const TapeSegment* shared;  // the segments on theta alone, once a step in block 0 (read with `from` 2)
  int nshared;
  const TapeSegment* seg;
  int segs;
  const double* c;
  const double* consts;
  int nconsts, const_slot, span, block, dim, cols;  // span: a block's slots, padded
  bool copy_row;
  const double* rows;  // N rows of cols, row_stride apart, padded
  int row_stride, stride;
  Update u;
};
// One label-noise gradient step of eight runs side by side (solvers/ln/label_noise_lanes.hpp), the generic path's
// operations in order: every array is entries of eight doubles, run l in lane l.
//   diag_noise (DiagNet<double>, M = [m00 m01; m01 m11]): beta_k = ((m00 u_k) u_k + m01 (u_k v_k + v_k u_k) + (m11
//     v_k) v_k) / 2, c_j = cb ((x_j0 beta_0 + ... + x_j,p-1 beta_p-1 - y_j) + noise_j), w_k = 0 + c_0 x_0k + ..., then
//     out_k += 0 + w_k (m00 u_k + m01 v_k), out_k+p += 0 + w_k (m01 u_k + m11 v_k);
//   ls_noise (LeastSquares<double>, theta p entries): c_j = cb ((x_j . theta - y_j) + noise_j) with the dot product
//     in Eigen 3.4's order for SSE2 packets of two (LabelNoiseStep's X.row(i).dot(theta) in the baseline x86-64 build;
//     a build with wider Eigen packets sums differently, which the unit test would report), then out_k += c_0 x_0k +
//     c_1 x_1k + c_2 x_2k + c_3 x_3k over passes of up to four rows (LabelNoiseStep's fused passes).
struct LabelNoiseView {
  double m00, m01, m11;  // diag_noise only
  double cb;
  int p, B;
  const double* theta;  // 2p entries (u, v), or p
  const double* xs;     // B p entries: the rows x_jk at j p + k
  const double* y;      // B entries
  const double* noise;  // B entries: the labels' -s sigma
  double* c;            // B entries (out)
  double* beta;         // p entries (diag_noise's scratch)
  double* out;          // 2p or p entries (may be theta)
};

// One label-noise gradient step of eight runs on a per-example tape (TapeView's tape, rows and out; its batches
// unused), solvers/ln/label_noise_lanes.hpp: the tape is a regression model's label-noise loss (r + z)^2 / 2 with z
// the row's last column, so with z = noise_j for example j in lane l:
//   g_q = sum_j grad_q (over the batch in order, from the first term),  out_q += cb g_q;
// draw: noise_j at j 8 + l, example j's index (a double) at (B + j) 8 + l; theta, out: dim entries of eight lanes (out
// may be theta); scratch: slots x 8, then dim x 8 doubles.
struct TapeNoiseView {
  TapeView tape;
  double cb;
  int B;
  const double* theta;
  const double* draw;
  double* out;
  double* scratch;
};

// One epoch for each of `count` samples, interleaved: sample s starts from state[s stride ..] and visits the
// batches orders[s m + t], t = 0..m-1. scratch: the kernel's scratch_doubles (solvers/simd/sgd_kernel.hpp).
struct KernelTable {
  void (*ls)(const LsView&, const int* orders, double* state, int count, double* scratch);
  void (*diag)(const DiagView&, const int* orders, double* state, int count, double* scratch);
  void (*dense)(const DenseView&, const int* orders, double* state, int count, double* scratch);
  void (*tanh)(const double* x, double* y, int n);  // the dense kernel's tanh, y_i = tanh x_i; n a multiple of 8
  void (*ls_optimizer)(const LsOptimizerView&, const int* orders, double* state, int count, double* scratch);
  void (*tape)(const TapeView&, const int* orders, double* state, int count, double* scratch);
  void (*tape_wide)(const TapeWideView&, const int* orders, double* state, int count, double* scratch);
  // Eight Philox4x32-10 blocks: counter words ctr[w 8 + l] of block l, key (k0, k1), into out[w 8 + l]
  // (solvers/simd/philox.hpp).
  void (*philox8)(const unsigned* ctr, unsigned k0, unsigned k1, unsigned* out);
  // One label-noise gradient step of eight runs (LabelNoiseView).
  void (*diag_noise)(const LabelNoiseView&);
  void (*ls_noise)(const LabelNoiseView&);
  void (*tape_noise)(const TapeNoiseView&);
};
extern const KernelTable kernels_sse2, kernels_avx2, kernels_avx512;

}  // namespace irverify::simd
