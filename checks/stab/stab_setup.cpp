#include "checks/stab/stab_setup.hpp"

namespace irverify {

template <class S> StabMinimum<S>::StabMinimum(const ProblemSpec& spec) : pr(build_problem<S>(spec)) {
  const Model<S>& m = *pr.model;
  const std::string why = stab_not_applicable(spec);
  // N > dim: only a theta0 that interpolates already (e.g. zero labels) is a minimum to analyse.
  const bool at_minimum = !why.empty() && spec.model != "quadratic" &&
                          residuals<S>(m, pr.theta0).norm() <= stab_residual_tolerance<S>(m);
  if (!why.empty() && !at_minimum) throw ProblemError(spec.origin + ": " + why);
  if (at_minimum) {
    min = {pr.theta0, S(residuals<S>(m, pr.theta0).norm()), S(0), 0, true};
  } else {
    try {
      min = gauss_newton_minimum<S>(m, pr.theta0, stab_residual_tolerance<S>(m));
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

template <class S> LadderCase StabMinimum<S>::start(const std::string& label) const {
  LadderCase c = new_case<S>(pr.spec, model(), label);
  c.extra["minimum"] = {{"residual_norm", to_double(min.residual_norm)},
                        {"gauss_newton_iterations", min.iterations},
                        {"distance_from_theta0", to_double(min.moved)},
                        {"rank", inst.rank()},
                        {"lambda_max", to_string_full(inst.lambda_max())},
                        {"trace", to_string_full(inst.trace())}};
  return c;
}

#define IRVERIFY_INST(S) template struct StabMinimum<S>;
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
