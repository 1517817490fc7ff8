// The scalar list (theory/scalar.hpp) as GoogleTest types, for typed suites (STYLE.md lesson 12):
//   template <class S> class LeastSquaresInEveryScalar : public ::testing::Test {};
//   TYPED_TEST_SUITE(LeastSquaresInEveryScalar, ScalarTypes);
// runs the suite once per scalar, in the list's order: .../0 is double, .../1 quad, .../2 mp50 (ctest names carry the
// type: "...<double>", "...<...float128_backend...>", "...<...mpfr_float_backend<50u...>"). No name generator: CMake's
// test discovery reads the type only from a numbered instance.
#pragma once

#include "theory/scalar.hpp"

#include <gtest/gtest.h>

namespace irverify {

template <class... S> ::testing::Types<S...> gtest_types(type_list<S...>);
using ScalarTypes = decltype(gtest_types(Scalars{}));

}  // namespace irverify
