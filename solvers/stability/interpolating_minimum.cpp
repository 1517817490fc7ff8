#include "solvers/stability/interpolating_minimum.hpp"

#include <fmt/format.h>

namespace irverify {

std::string interpolation_not_applicable(const ProblemSpec& s) {
  if (!s.has_residual())
    return s.is_formula() ? "a formula given by its 'loss' has no residual r_i: the STAB and LN claims need a regression model (write 'residual')"
                          : "a quadratic loss has no examples v_i = grad f(x_i): the STAB claims need a regression model";
  if (s.num_examples() > s.dim())
    return fmt::format("N = {} examples > {} parameters: no interpolating minimum in general", s.num_examples(), s.dim());
  return "";
}

template <class S> InterpolatingMinimum<S>::InterpolatingMinimum(const ProblemSpec& spec) : pr(build_problem<S>(spec)) {
  const Model<S>& m = *pr.model;
  const std::string why = interpolation_not_applicable(spec);
  // N > dim: only a theta0 that interpolates already (e.g. zero labels) is a minimum to analyse.
  const bool at_minimum = !why.empty() && spec.has_residual() &&
                          residuals<S>(m, pr.theta0).norm() <= minimum_residual_tolerance<S>(m);
  if (!why.empty() && !at_minimum) throw ProblemError(spec.origin + ": " + why);
  if (at_minimum) {
    min = {pr.theta0, S(residuals<S>(m, pr.theta0).norm()), S(0), 0, true};
  } else {
    try {
      min = gauss_newton_minimum<S>(m, pr.theta0, minimum_residual_tolerance<S>(m));
    } catch (const std::runtime_error& e) {
      throw ProblemError(fmt::format("{}: no interpolating minimum from theta0: {}", spec.origin, e.what()));
    }
    if (!min.converged)
      throw ProblemError(fmt::format("{}: Gauss-Newton from theta0 stalled at |r| = {:.3e}: no interpolating minimum found",
                                     spec.origin, to_double(min.residual_norm)));
  }
  V = output_jacobian<S>(m, min.theta);
  H = m.hessian(min.theta, m.all_examples());
  inst = stability_instance<S>(V);
}

#define IRVERIFY_INST(S) template struct InterpolatingMinimum<S>;
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
