// Elementary differentials in print. For one field f:  F(•) = f, F([t1..tk]) = f^(k)(F(t1), ..., F(tk)), written
// "f", "f'f", "f''(f, f)", "f'f''(f, f)". For a gradient field f = -g (g = grad L, H = Hessian, T = third derivative,
// DkL = k-th derivative): f^(k) = -D^(k+1)L, so F(t) = (-1)^|t| C(t) with the contraction C(•) = g,
// C([t1..tk]) = D^(k+1)L[C(t1), ..., C(tk)], written "g", "H g", "H^2 g", "T[g, g]", "T[H g, g]", "D4L[g, g, g]".
// Coloured trees (several fields f_c = -g_c) subscript every factor with its colour: "H_0 g_1".
// order_text() writes a field series h^(|t|-1) b(t)/sigma(t) F(t) grouped by powers of h in either form.
#pragma once

#include "theory/bseries/series.hpp"

#include <string>

namespace irverify::bseries {

enum class Notation { field, gradient };

// The elementary differential of tree `id` (the field form) or its contraction C(t) (the gradient form).
std::string differential_text(const TreeTable& table, int id, Notation n);
// The sign (-1)^|t| by which F(t) = sign C(t) for a gradient field.
int gradient_sign(const TreeTable& table, int id);
// The coefficient of tree id in the field series b, in the given form: b(t)/sigma(t), times (-1)^|t| for gradients.
Rational term_coefficient(const Series& b, int id, Notation n);
// "f_k = ..." for order k: the sum of the coefficients and differentials of the trees with k nodes ("0" if none).
std::string order_text(const Series& b, int k, Notation n);

}  // namespace irverify::bseries
