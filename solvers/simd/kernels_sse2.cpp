#define IRVERIFY_SIMD_ISA sse2
#define IRVERIFY_SIMD_WIDTH 2
#include "solvers/simd/kernels.inc"
