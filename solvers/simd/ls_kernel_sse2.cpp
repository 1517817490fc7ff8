#define IRVERIFY_LS_EPOCHS ls_epochs_sse2
#define IRVERIFY_LS_WIDTH 2
#include "solvers/simd/ls_kernel_body.inc"
