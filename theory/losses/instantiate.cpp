// Explicit instantiation of the modified losses and fields for every supported scalar.
#include "theory/losses/igr_modified_loss.hpp"
#include "theory/losses/modified_field.hpp"
#include "theory/losses/quadratic_modified_series.hpp"
#include "theory/losses/sgd_modified_loss.hpp"

namespace irverify {
#define IRVERIFY_INST(S)                           \
  IRVERIFY_MODIFIED_FIELD_INSTANCES(, S)           \
  IRVERIFY_IGR_LOSS_INSTANCES(, S)                 \
  IRVERIFY_SGD_LOSS_INSTANCES(, S)                 \
  IRVERIFY_QUADRATIC_SERIES_INSTANCES(, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST
}  // namespace irverify
