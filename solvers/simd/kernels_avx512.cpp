#define IRVERIFY_SIMD_ISA avx512
#define IRVERIFY_SIMD_WIDTH 8
#include "solvers/simd/kernels.inc"
