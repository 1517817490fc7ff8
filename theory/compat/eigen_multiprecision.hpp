// Eigen 3.4 with Boost 1.74 multiprecision numbers: the one fix.
//
// boost/multiprecision/eigen.hpp (1.74) predates Eigen 3.4: its NumTraits lacks
// infinity(), quiet_NaN(), digits(), min_exponent(), max_exponent(),
// max_digits10(), and its lowest() returns the smallest *positive* number.
// We give full specializations for the project's multiprecision scalars, which
// take precedence over Boost's partial one. Tested by
// checks/unit/theory/compat/eigen_multiprecision_test.cpp (lowest() < 0, SelfAdjointEigenSolver,
// LDLT/LU in every scalar).
#pragma once

#include "theory/scalar.hpp"

#include <Eigen/Core>
#include <boost/multiprecision/eigen.hpp>

namespace irverify::detail {
template <class T> struct mp_num_traits {
  using Real = T;
  using NonInteger = T;
  using Literal = T;
  using Nested = T;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    ReadCost = 1,
    AddCost = 4,
    MulCost = 8,
    IsSigned = 1,
    RequireInitialization = 1,
  };
  static T epsilon() { return std::numeric_limits<T>::epsilon(); }
  // Eigen's default comparison slack; 1000 eps as in Boost's own traits.
  static T dummy_precision() { return 1000 * epsilon(); }
  static T highest() { return (std::numeric_limits<T>::max)(); }
  static T lowest() { return -(std::numeric_limits<T>::max)(); }
  static T infinity() { return std::numeric_limits<T>::infinity(); }
  static T quiet_NaN() { return std::numeric_limits<T>::quiet_NaN(); }
  static int digits() { return std::numeric_limits<T>::digits; }
  static int digits10() { return std::numeric_limits<T>::digits10; }
  static int max_digits10() { return std::numeric_limits<T>::max_digits10; }
  static int min_exponent() { return std::numeric_limits<T>::min_exponent; }
  static int max_exponent() { return std::numeric_limits<T>::max_exponent; }
};
}  // namespace irverify::detail

namespace Eigen {
template <> struct NumTraits<irverify::quad> : irverify::detail::mp_num_traits<irverify::quad> {};
template <> struct NumTraits<irverify::mp50> : irverify::detail::mp_num_traits<irverify::mp50> {};
}  // namespace Eigen
