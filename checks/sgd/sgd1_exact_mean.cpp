// SGD-1 (Smith, Dherin, Barrett & De 2021, Sec. 3; CLAIMS.md), from the exact epoch mean over all m! orders:
// ||E[theta_m] - phi^L_{m eps}|| = Theta(eps^2), ||E[theta_m] - phi^{L~SGD}_{m eps}|| = O(eps^3),
// L~SGD = L + (eps/4m) sum_k ||g_k||^2; one order's distance from the mean is Theta(eps^2).
// Controls: coefficient eps/(2m); the GD modified loss of the whole epoch, L + (m eps/4)||g||^2.
#include "checks/sgd/sgd1_exact_mean.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/sgd_setup.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "theory/losses/igr_modified_loss.hpp"
#include "theory/losses/sgd_modified_loss.hpp"

namespace irverify {

namespace sgd1 {

// What the exact mean costs per learning rate: m! orders, and the batch steps taken with prefix sharing.
struct EnumerationCost {
  int m;
  long orders, steps;
};

void present(const EnumerationCost& k, Case& c) {
  c.tables.push_back({"Cost of the exact mean per learning rate (prefix sharing)",
                      {"m", "orders m!", "batch steps taken", "m m! (no sharing)", "ratio to m!"},
                      {{std::to_string(k.m), std::to_string(k.orders), std::to_string(k.steps), std::to_string(k.orders * k.m),
                        fmt::format("{:.4f}", double(k.steps) / double(k.orders))}}});
}

}  // namespace sgd1

template <class S> Case sgd_exact_mean_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  const SgdSetup<S> st(ctx, spec);
  const Model<S>& m = st.model();
  const Vec<S>& th0 = st.theta0();
  const S nb(st.batches());
  Case c = st.start(fmt::format("exact mean over {}! orders", st.batches()));
  c.variable = "eps";
  c.add_series("E[theta_m] vs flow of L", Role::claim, 2);
  c.add_series("E[theta_m] vs flow of L~SGD = L + (eps/4m) sum|g_k|^2", Role::claim, 3);
  c.add_series("spread of single orders: sqrt(E|theta_pi - E theta_m|^2)", Role::claim, 2);
  c.add_series("coefficient eps/(2m) (wrong)", Role::control, 3);
  c.add_series("GD modified loss of the epoch, L + (m eps/4)|g|^2 (wrong)", Role::control, 3);
  const TaylorFlow<S> plain(gradient_flow_field(m, st.all), ctx.deadline);
  c.solver = "exact enumeration with prefix sharing; flows: Taylor series, order " + std::to_string(plain.order());
  sgd1::EnumerationCost cost{st.batches(), 0, 0};
  S eps = st.eps0;
  for (int k = 0; k < levels; ++k, eps /= 2) {
    c.add_h(eps);
    const EpochMean<S> e = exact_epoch_mean(m, st.part, th0, eps, ctx.deadline);
    cost.steps = e.batch_steps;
    cost.orders = e.orders;
    const S T = nb * eps;
    c.add_error(0, S((e.mean - plain.integrate(th0, T)).norm()));
    c.add_error(1, S((e.mean - TaylorFlow<S>(sgd_modified_field(m, st.part, eps, S(1) / 4), ctx.deadline).integrate(th0, T)).norm()));
    c.add_error(2, e.spread);
    c.add_error(3, S((e.mean - TaylorFlow<S>(sgd_modified_field(m, st.part, eps, S(1) / 2), ctx.deadline).integrate(th0, T)).norm()));
    c.add_error(4, S((e.mean - TaylorFlow<S>(igr_flow_field(m, T, S(1) / 4, st.all), ctx.deadline).integrate(th0, T)).norm()));
  }
  sgd1::present(cost, c);
  // Floor: the flows' tolerance; the exact mean's rounding (m! sums of O(m) steps) is below it.
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S) template Case sgd_exact_mean_case<S>(const RunContext&, const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace sgd1 {  // the claim's registration


const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "SGD-1";
  c.title = "Shuffled SGD: exact epoch mean against the original and modified flows";
  c.paper = "Smith, Dherin, Barrett & De, On the Origin of Implicit Regularization in SGD, ICLR 2021 (Sec. 3, Eq. 5-6)";
  c.statement = "Averaged over all m! orders of the batches, ||E[theta_m] - phi^L_{m eps}(theta0)|| = Theta(eps^2) and "
      "||E[theta_m] - phi^{L~SGD}_{m eps}(theta0)|| = O(eps^3), L~SGD = L + (eps/4m) sum_k ||g_k||^2; a single "
      "order's iterate differs from the mean by Theta(eps^2).";
  c.verdict_rule = fmt::format("Ladder eps_k = eps0 2^-k, k < {}, eps0 = 1/(4 m max(1, lambda_max(H), max_k lambda_max(H_k))) "
      "rounded down to a power of two; exact means by enumeration (m = 3 to 8); fitted orders within "
      "+-{} of 2 (flow of L), 3 (flow of L~SGD) and 2 (spread of single orders).",
      kSgdLevels, kOrderTolerance);
  c.negative_control = "Coefficient eps/(2m) instead of eps/(4m), and the GD modified loss of the whole epoch L + (m eps/4)||g||^2: "
      "the order-3 check must reject both.";
  c.precision = "mp50";
  c.levels = kSgdLevels;
  c.not_applicable = sgd_not_applicable;
  c.problems = sgd_builtin_problems;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return sgd_exact_mean_case<typename decltype(tag)::type>(ctx, s, ctx.levels);
  });
  return c;
}());

}  // namespace sgd1

}  // namespace irverify
