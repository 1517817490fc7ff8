#define IRVERIFY_SIMD_ISA avx2
#define IRVERIFY_SIMD_WIDTH 4
#include "solvers/simd/kernels.inc"
