// Barrett & Dherin (ICLR 2021), Eq. (1)-(2): GD with step h follows, to O(h^3) per step,
// the gradient flow of the modified loss
//   L~(theta) = L(theta) + c h ||g(theta)||^2,  c = 1/4,
// whose gradient is g + 2 c h H g. The coefficient c is a parameter so that the
// negative control of IGR-1 (c = 1/2) uses the same code.
#pragma once

#include "theory/losses/modified_field.hpp"

namespace irverify {

template <class S> S igr_modified_loss(const Model<S>& m, const Vec<S>& th, const S& h, const S& c, const Batch& b) {
  const Vec<S> g = m.gradient(th, b);
  return m.loss(th, b) + c * h * g.squaredNorm();
}

// Closed form: g + 2 c h H g.
template <class S>
Vec<S> igr_modified_gradient(const Model<S>& m, const Vec<S>& th, const S& h, const S& c, const Batch& b) {
  const Vec<S> g = m.gradient(th, b);
  return g + (2 * c * h) * (m.hessian(th, b) * g);
}

// The gradient-flow field -grad L_B recorded on a tape.
template <class S> Program<S> gradient_flow_field(const Model<S>& m, const Batch& b) {
  Program<S> p = m.gradient_program(b);
  for (auto& o : p.outputs) o = -o;
  return p;
}

// The field -(g + 2 c h H g) of the flow of L~, recorded on a tape (theory/losses/modified_field.hpp).
template <class S> Program<S> igr_flow_field(const Model<S>& m, const S& h, const S& c, const Batch& b) {
  return modified_field<S>(m, b, {S(1), S(2 * c * h), S(0), S(0)});
}

// Instantiated once per scalar in theory/losses/instantiate.cpp (declared extern here, so users do not compile them again).
#define IRVERIFY_IGR_LOSS_INSTANCES(PREFIX, S) \
  PREFIX template S igr_modified_loss<S>(const Model<S>&, const Vec<S>&, const S&, const S&, const Batch&);          \
  PREFIX template Vec<S> igr_modified_gradient<S>(const Model<S>&, const Vec<S>&, const S&, const S&, const Batch&); \
  PREFIX template Program<S> gradient_flow_field<S>(const Model<S>&, const Batch&);                                  \
  PREFIX template Program<S> igr_flow_field<S>(const Model<S>&, const S&, const S&, const Batch&);
#define IRVERIFY_EXTERN(S) IRVERIFY_IGR_LOSS_INSTANCES(extern, S)
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_EXTERN)
#undef IRVERIFY_EXTERN

}  // namespace irverify
