// SGD-3 (CLAIMS.md): the eps^2 coefficient of the shuffled-SGD mean iterate, by Richardson extrapolation of exact
// means, against its closed form (1/2)(m^2 H g - sum_k H_k g_k).
#pragma once

#include "checks/framework/case.hpp"

namespace irverify {

inline constexpr int kRichardsonLevels = 8;
inline constexpr double kSgd3Digits = 10;

template <class S> Case sgd_second_order_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kRichardsonLevels);

}  // namespace irverify
