#define IRVERIFY_LS_EPOCHS ls_epochs_avx2
#define IRVERIFY_LS_WIDTH 4
#include "solvers/simd/ls_kernel_body.inc"
