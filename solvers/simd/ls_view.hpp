// What the per-ISA translation units of LsSgdKernel see (solvers/simd/ls_kernel.hpp): plain pointers, no
// includes, so that no inline library code is compiled with an ISA flag and then shared with baseline code.
#pragma once

namespace irverify {

struct LsView {
  const double* X;   // N x dp, row-major, zero-padded
  const double* y;   // N
  const int* index;  // m x B example indices
  int dp, m, B;
  double c;          // eps / B
};

namespace simd {
// LsSgdKernel::epochs on one ISA; r: B doubles of scratch.
void ls_epochs_sse2(const LsView& v, const int* orders, double* theta, int count, double* r);
void ls_epochs_avx2(const LsView& v, const int* orders, double* theta, int count, double* r);
void ls_epochs_avx512(const LsView& v, const int* orders, double* theta, int count, double* r);
}  // namespace simd

}  // namespace irverify
