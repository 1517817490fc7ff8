// theory/bseries/notation.hpp: Euler's modified field printed in both forms (f-form and gradient form, F(t) =
// (-1)^|t| C(t) for f = -g), with colours.
#include "theory/bseries/notation.hpp"

#include <gtest/gtest.h>

using namespace irverify::bseries;

TEST(Notation, EulerFieldInBothForms) {
  TreeTable t(1);
  const Series b = log(euler(t, 4, {Rational(1)}));
  EXPECT_EQ(order_text(b, 1, Notation::gradient), "-g");
  EXPECT_EQ(order_text(b, 2, Notation::field), "-(1/2) f'f");
  EXPECT_EQ(order_text(b, 3, Notation::field), "(1/12) f''(f, f) + (1/3) f'f'f");
  EXPECT_EQ(order_text(b, 3, Notation::gradient), "-(1/12) T[g, g] - (1/3) H^2 g");
  EXPECT_EQ(order_text(b, 4, Notation::field), "-(1/12) f''(f, f'f) - (1/12) f'f''(f, f) - (1/4) f'f'f'f");
  EXPECT_EQ(order_text(b, 4, Notation::gradient), "-(1/12) T[g, H g] - (1/12) H T[g, g] - (1/4) H^3 g");
  EXPECT_EQ(order_text(b.scaled(2), 2, Notation::gradient), "-2 H g");
  EXPECT_EQ(gradient_sign(t, t.intern(0, {})), -1);
}

TEST(Notation, ColouredTrees) {
  TreeTable t(2);
  const Series sim = log(euler(t, 2, {Rational(1), Rational(1, 2)}));
  EXPECT_EQ(order_text(sim, 2, Notation::gradient), "-(1/2) H_0 g_0 - (1/4) H_1 g_0 - (1/4) H_0 g_1 - (1/8) H_1 g_1");
  EXPECT_EQ(differential_text(t, t.intern(0, {t.intern(1, {}), t.intern(1, {})}), Notation::field), "f_0''(f_1, f_1)");
}
