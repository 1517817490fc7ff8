// Supported scalar types: the one place that names them.
//
// Every numeric routine in theory/ and solvers/ is a template on Scalar and is
// explicitly instantiated for each type in IRVERIFY_FOR_EACH_SCALAR.
//   double   53-bit  (~16 digits)
//   quad     boost::multiprecision::float128, 113-bit (~34 digits)
//   mp50     MPFR, 50 decimal digits, stack-allocated, no expression templates.
//            Chosen by measurement (solvers/bench/scalar_bench): a multiply-add
//            costs about what float128's does, and cpp_bin_float_50 is ~1.6x slower.
#pragma once

#include <boost/multiprecision/float128.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <limits>
#include <string>

namespace irverify {

using quad = boost::multiprecision::float128;
using mp50 = boost::multiprecision::number<
    boost::multiprecision::mpfr_float_backend<50, boost::multiprecision::allocate_stack>,
    boost::multiprecision::et_off>;

// X(type) applied to each supported scalar; used for explicit instantiation.
#define IRVERIFY_FOR_EACH_SCALAR(X) X(double) X(::irverify::quad) X(::irverify::mp50)

template <class Scalar> struct scalar_traits;
template <> struct scalar_traits<double> { static std::string name() { return "double"; } };
template <> struct scalar_traits<quad> { static std::string name() { return "quad"; } };
template <> struct scalar_traits<mp50> { static std::string name() { return "mp50"; } };

template <class Scalar> std::string scalar_name() { return scalar_traits<Scalar>::name(); }

// Machine epsilon of Scalar, in Scalar.
template <class Scalar> Scalar eps() { return std::numeric_limits<Scalar>::epsilon(); }

// Decimal digits carried by Scalar.
template <class Scalar> int digits10() { return std::numeric_limits<Scalar>::digits10; }

// Parse a decimal string exactly into Scalar (rounded once, in Scalar's precision).
// Throws std::invalid_argument on anything that is not a finite number.
template <class Scalar> Scalar parse_scalar(const std::string& text);

// Shortest round-trip decimal text of x.
template <class Scalar> std::string to_string_full(const Scalar& x);

// x as double (for figures and summaries only; never fed back into a computation).
template <class Scalar> double to_double(const Scalar& x) { return static_cast<double>(x); }

}  // namespace irverify
