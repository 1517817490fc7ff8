// Umbrella for the models, with their explicit instantiations declared extern
// (defined once, in theory/models/instantiate.cpp, for every supported scalar).
#pragma once

#include "theory/models/diag_net.hpp"
#include "theory/models/least_squares.hpp"
#include "theory/models/matrix_net.hpp"
#include "theory/models/quadratic.hpp"
#include "theory/models/two_layer.hpp"
#include "theory/scalar.hpp"

namespace irverify {
#define IRVERIFY_EXTERN_MODELS(S)                                 \
  extern template class ModelBase<LeastSquares<S>, S>;            \
  extern template class LeastSquares<S>;                          \
  extern template class ModelBase<Quadratic<S>, S>;               \
  extern template class Quadratic<S>;                             \
  extern template class ModelBase<DiagNet<S>, S>;                 \
  extern template class DiagNet<S>;                               \
  extern template class ModelBase<TwoLayer<S>, S>;                \
  extern template class TwoLayer<S>;                       \
  extern template class ModelBase<MatrixNet<S>, S>;        \
  extern template class MatrixNet<S>;
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN_MODELS)
#undef IRVERIFY_EXTERN_MODELS
}  // namespace irverify
