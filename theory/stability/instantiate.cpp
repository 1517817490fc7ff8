// Explicit instantiation of the interpolation and stability-operator routines for every supported scalar.
#include "theory/stability/interpolation.hpp"
#include "theory/stability/sgd_operator.hpp"

namespace irverify {
#define IRVERIFY_INST(S)                     \
  IRVERIFY_INTERPOLATION_INSTANCES(, S)      \
  IRVERIFY_SGD_OPERATOR_INSTANCES(, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST
}  // namespace irverify
