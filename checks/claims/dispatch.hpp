// Runtime choice of the scalar type by name ("double", "quad", "mp50").
#pragma once

#include "theory/scalar.hpp"

#include <stdexcept>
#include <string>

namespace irverify {

template <class S> struct ScalarTag { using type = S; };

// Calls f(ScalarTag<S>{}) for the scalar named `name`; throws std::invalid_argument otherwise.
template <class F> auto with_scalar(const std::string& name, F&& f) {
  if (name == "double") return f(ScalarTag<double>{});
  if (name == "quad") return f(ScalarTag<quad>{});
  if (name == "mp50") return f(ScalarTag<mp50>{});
  throw std::invalid_argument("unknown precision '" + name + "' (known: double, quad, mp50)");
}

}  // namespace irverify
