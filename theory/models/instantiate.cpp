// Explicit instantiation of every model for every supported scalar.
#include "theory/models/models.hpp"

namespace irverify {
#define IRVERIFY_INST(S)                                   \
  template class ModelBase<LeastSquares<S>, S>;            \
  template class LeastSquares<S>;                          \
  template class ModelBase<Quadratic<S>, S>;               \
  template class Quadratic<S>;                             \
  template class ModelBase<DiagNet<S>, S>;                 \
  template class DiagNet<S>;                               \
  template class ModelBase<TwoLayer<S>, S>;                \
  template class TwoLayer<S>;                              \
  template class ModelBase<MatrixNet<S>, S>;               \
  template class MatrixNet<S>;
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST
}  // namespace irverify
