// theory/scalar.hpp: the one list of scalars, its names and runtime dispatch; exact decimal parsing (correctly rounded
// in S, never through double; anything but a finite decimal refused) and round-trip printing, in every scalar.
#include "theory/scalar.hpp"

#include "checks/unit/scalar_types.hpp"

#include <gtest/gtest.h>

#include <limits>

using namespace irverify;

template <class S> class ScalarParsing : public ::testing::Test {};
TYPED_TEST_SUITE(ScalarParsing, ScalarTypes);

TYPED_TEST(ScalarParsing, ParseScalarIsExactAndStrict) {
  using S = TypeParam;
  EXPECT_EQ(parse_scalar<S>("0.1"), S(1) / 10);  // correctly rounded in S, not via double
  EXPECT_EQ(parse_scalar<S>("-3e-2"), S(-3) / 100);
  for (const char* bad : {"nan", "inf", "-inf", "", "1e", "0x10", "1.2.3", "1,5", " 1"})
    EXPECT_THROW(parse_scalar<S>(bad), std::invalid_argument) << bad;
}

TYPED_TEST(ScalarParsing, FullTextRoundTripsExactly) {
  using S = TypeParam;
  for (const S& x : {S(1) / 3, S(-2) / 7, S(1) / 3 * S(1e20), S(1) / (S(3) * S(1e30)), eps<S>(), S(0), S(-1)}) {
    const std::string t = to_string_full(x);
    EXPECT_EQ(parse_scalar<S>(t), x) << t;
  }
}

TYPED_TEST(ScalarParsing, EpsilonAndDigitsAreTheScalarsOwn) {
  using S = TypeParam;
  EXPECT_EQ(eps<S>(), std::numeric_limits<S>::epsilon());
  EXPECT_EQ(digits10<S>(), std::numeric_limits<S>::digits10);
  EXPECT_GT(S(1) + eps<S>(), S(1));
  EXPECT_EQ(S(1) + eps<S>() / 4, S(1));
  EXPECT_EQ(scalar_names()[scalar_index(scalar_name<S>())], scalar_name<S>());
  EXPECT_EQ(with_scalar(scalar_index(scalar_name<S>()), [](auto tag) { return scalar_name<typename decltype(tag)::type>(); }),
            scalar_name<S>());
}

TEST(Scalar, ListNamesAndRefusals) {
  EXPECT_EQ(scalar_names(), std::vector<std::string>({"double", "quad", "mp50"}));
  EXPECT_LT(to_double(eps<mp50>()), to_double(eps<quad>()));
  EXPECT_LT(to_double(eps<quad>()), eps<double>());
  try {
    scalar_index("float");
    FAIL() << "an unknown precision was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("unknown precision 'float' (known: double, quad, mp50)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(with_scalar(3, [](auto) { return 0; }), std::invalid_argument);
  EXPECT_THROW(with_scalar(-1, [](auto) { return 0; }), std::invalid_argument);
  // A decimal beyond double's range overflows double only.
  EXPECT_THROW(parse_scalar<double>("1e400"), std::invalid_argument);
  EXPECT_GT(parse_scalar<mp50>("1e400"), mp50(1));
}
