// EXPECT_SCALAR_NEAR(a, b, rel, abs_floor): the one comparison of the tests (STYLE.md lesson 4) for every scalar,
// through tol::near (checks/framework/tolerance.hpp): |a - b| <= max(rel max(|a|, |b|), abs_floor). On failure both
// values are printed to all the scalar's digits. The four arguments are of one scalar type S.
#pragma once

#include "checks/framework/tolerance.hpp"

#include <gtest/gtest.h>

namespace irverify {

template <class S>
::testing::AssertionResult scalar_near(const char* a_text, const char* b_text, const char*, const char*, const S& a, const S& b,
                                       const S& rel, const S& abs_floor) {
  if (tol::near(a, b, rel, abs_floor)) return ::testing::AssertionSuccess();
  using std::abs;
  return ::testing::AssertionFailure() << a_text << " = " << to_string_full(a) << " and " << b_text << " = " << to_string_full(b)
                                       << " differ by " << to_double(S(abs(S(a - b)))) << ", more than max("
                                       << to_double(rel) << " x their size, " << to_double(abs_floor) << ")";
}

}  // namespace irverify

#define EXPECT_SCALAR_NEAR(a, b, rel, abs_floor) EXPECT_PRED_FORMAT4(::irverify::scalar_near, a, b, rel, abs_floor)
