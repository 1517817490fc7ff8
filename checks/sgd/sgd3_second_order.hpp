// SGD-3 (CLAIMS.md): the eps^2 coefficient of the shuffled-SGD mean iterate, by Richardson extrapolation of exact
// means, against its closed form (1/2)(m^2 H g - sum_k H_k g_k).
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kRichardsonLevels = 8;
inline constexpr double kSgd3Digits = 10;

template <class S> struct SgdSetup;  // checks/framework/sgd_setup.hpp

// Digits of agreement with the closed form C2 of the extrapolated eps^2 coefficient: of the exact means, of the
// modified flow, and of the exact means with the two wrong closed forms (controls).
struct Sgd3Digits {
  double exact_mean = 0, modified_flow = 0, control_coefficient = 0, control_no_minibatch = 0;
};
struct Sgd3Measurement {
  double c2_0 = 0, c2_1 = 0;                // the closed form's first two coordinates
  double mean_change = 0, flow_change = 0;  // Richardson error estimates (the last column's change)
  Sgd3Digits digits;
};

// The ladder |D(eps) - C2| into c (series 0, context) and the extrapolations, on `levels` learning rates.
template <class S> Sgd3Measurement sgd_second_order_measure(const SgdSetup<S>& st, int levels, Case& c);
template <class S> Case sgd_second_order_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kRichardsonLevels);

}  // namespace irverify
