// Supported scalar types: the one place that names them.
//
//   double   53-bit  (~16 digits)
//   quad     boost::multiprecision::float128, 113-bit (~34 digits)
//   mp50     MPFR, 50 decimal digits, stack-allocated, no expression templates.
//            Chosen by measurement (solvers/bench/scalar_bench): a multiply-add
//            costs about what float128's does, and cpp_bin_float_50 is ~1.6x slower.
// IRVERIFY_FOR_EACH_SCALAR is the list; Scalars (the type list), scalar_traits<S>::name and with_scalar (the
// runtime choice) are derived from it, so a new scalar is added in one line here and one traits specialization.
#pragma once

#include <boost/multiprecision/float128.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace irverify {

using quad = boost::multiprecision::float128;
using mp50 = boost::multiprecision::number<
    boost::multiprecision::mpfr_float_backend<50, boost::multiprecision::allocate_stack>,
    boost::multiprecision::et_off>;

// X(type) applied to each supported scalar, in this order; used for explicit instantiation.
#define IRVERIFY_FOR_EACH_SCALAR(X) X(double) X(::irverify::quad) X(::irverify::mp50)

template <class... S> struct type_list {};
namespace detail {
template <class First, class... Rest> struct drop_first { using type = type_list<Rest...>; };
}  // namespace detail
#define IRVERIFY_SCALAR_LIST_ITEM(S) , S
// The supported scalars as a type list, in the order of IRVERIFY_FOR_EACH_SCALAR.
using Scalars = detail::drop_first<void IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_SCALAR_LIST_ITEM)>::type;

// Per-scalar facts: the name used in problem files, the CLI and records; machine epsilon and decimal digits
// (the base of every tolerance, checks/framework/tolerance.hpp); exact decimal parsing and round-trip printing.
template <class S> struct scalar_traits;
template <class S> struct scalar_traits_base {
  static S epsilon() { return std::numeric_limits<S>::epsilon(); }
  static S smallest_normal() { return (std::numeric_limits<S>::min)(); }
  static int digits10() { return std::numeric_limits<S>::digits10; }
  static int max_digits10() { return std::numeric_limits<S>::max_digits10; }
};
template <> struct scalar_traits<double> : scalar_traits_base<double> { static const char* name() { return "double"; } };
template <> struct scalar_traits<quad> : scalar_traits_base<quad> { static const char* name() { return "quad"; } };
template <> struct scalar_traits<mp50> : scalar_traits_base<mp50> { static const char* name() { return "mp50"; } };

template <class S> std::string scalar_name() { return scalar_traits<S>::name(); }
// Machine epsilon of S, in S: the one epsilon every tolerance is built from.
template <class S> S eps() { return scalar_traits<S>::epsilon(); }
template <class S> int digits10() { return scalar_traits<S>::digits10(); }

// Parse a decimal string exactly into S (rounded once, in S's precision).
// Throws std::invalid_argument on anything that is not a finite number.
template <class S> S parse_scalar(const std::string& text);
// Shortest round-trip decimal text of x.
template <class S> std::string to_string_full(const S& x);
// x as double (for figures and summaries only; never fed back into a computation).
template <class S> double to_double(const S& x) { return static_cast<double>(x); }

// The runtime choice of a scalar, by its index in Scalars.
template <class S> struct ScalarTag { using type = S; };
namespace detail {
template <class F, class S, class... Rest> decltype(auto) dispatch(int i, F&& f, type_list<S, Rest...>) {
  if constexpr (sizeof...(Rest) == 0) {
    if (i != 0) throw std::invalid_argument("scalar index out of range");
    return f(ScalarTag<S>{});
  } else {
    if (i == 0) return f(ScalarTag<S>{});
    return dispatch(i - 1, std::forward<F>(f), type_list<Rest...>{});
  }
}
template <class... S> std::vector<std::string> names(type_list<S...>) { return {scalar_traits<S>::name()...}; }
}  // namespace detail

// Names of Scalars, in order ("double", "quad", "mp50").
inline const std::vector<std::string>& scalar_names() {
  static const std::vector<std::string> n = detail::names(Scalars{});
  return n;
}
// Index in Scalars of the scalar called `name`; throws std::invalid_argument naming the known ones.
int scalar_index(const std::string& name);
// Calls f(ScalarTag<S>{}) for the index-th scalar of Scalars: where a precision chosen at run time becomes a type.
template <class F> decltype(auto) with_scalar(int index, F&& f) { return detail::dispatch(index, std::forward<F>(f), Scalars{}); }

}  // namespace irverify
