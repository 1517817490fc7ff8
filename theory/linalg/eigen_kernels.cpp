// Explicit instantiation of Eigen's dense product kernels for every supported scalar (theory/linalg/eigen_kernels.hpp).
#include "theory/linalg/eigen_kernels.hpp"

#define IRVERIFY_INST(S) IRVERIFY_EIGEN_KERNEL_INSTANCES(, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST
