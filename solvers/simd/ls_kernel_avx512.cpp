#define IRVERIFY_LS_EPOCHS ls_epochs_avx512
#define IRVERIFY_LS_WIDTH 8
#include "solvers/simd/ls_kernel_body.inc"
