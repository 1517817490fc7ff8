// SGD-2 (Smith et al. 2021; CLAIMS.md): the SGD-1 orders from many-seed averages. The epoch mean is estimated
// from random orders (plain) and from order/reverse pairs (antithetic, exact to O(eps^3)), each with its 95%
// interval; fitted orders use only points above kMcMargin standard deviations (the noise floor, reported).
// Seeds needed to resolve the O(eps^3) term are measured per learning rate; a seeds-vs-error curve compares the
// estimators at one learning rate. Control: the eps/(2m) coefficient must be excluded by the antithetic interval.
#pragma once

#include "checks/framework/claim.hpp"
#include "checks/framework/case.hpp"

#include <cstdint>

namespace irverify {

inline constexpr int kSgdMcLevels = 10;
inline constexpr long kSgdMcEpochs = 65536;  // per estimator and level: plain 65536 orders, antithetic 32768 pairs
inline constexpr std::uint64_t kSgdMcSeed = 20211;

template <class S>
Case sgd_monte_carlo_case(const RunContext& ctx, const ProblemSpec& spec, int levels = kSgdMcLevels);


}  // namespace irverify
