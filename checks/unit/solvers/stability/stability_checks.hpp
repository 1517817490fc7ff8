// What the stability solver tests share: the interpolating minimum of a built-in instance of the STAB claims
// (checks/framework/minimum_setup.hpp) by model kind; two-layer-relu for any other kind.
#pragma once

#include "checks/framework/minimum_setup.hpp"

#include <string>

namespace irverify {

template <class S> InterpolatingMinimum<S> stab_minimum(const std::string& kind) {
  for (const auto& s : minimum_problems())
    if (s.model == kind) return InterpolatingMinimum<S>(s);
  return InterpolatingMinimum<S>(minimum_relu_problems()[0]);
}

}  // namespace irverify
