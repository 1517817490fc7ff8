// Boost.Odeint 1.74 with Boost.Multiprecision numbers: the one fix.
//
// odeint's norm_result_type<State> uses detail::extract_value_type, which
// recurses on State::value_type; number<> defines value_type as itself, so for
// std::vector<number<...>> the recursion never ends ("invalid use of incomplete
// type" in controlled and dense-output steppers). We state the norm type of a
// std::vector of numbers directly. (Fixed upstream in later odeint.)
// Tested by checks/unit/solvers/compat/odeint_multiprecision_test.cpp (controlled RKF78 on mp50).
#pragma once

#include <boost/multiprecision/number.hpp>
#include <boost/numeric/odeint/algebra/norm_result_type.hpp>

#include <vector>

namespace boost::numeric::odeint {
template <class Backend, boost::multiprecision::expression_template_option ET, class Alloc>
struct norm_result_type<std::vector<boost::multiprecision::number<Backend, ET>, Alloc>, void> {
  using type = boost::multiprecision::number<Backend, ET>;
};
}  // namespace boost::numeric::odeint
