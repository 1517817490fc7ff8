// RR-3 (CLAIMS.md "RR", derived), from the exact epoch mean over all m! orders:
// ||E[theta_m] - phi^{F0 + eps F1}_{m eps}|| = Theta(eps^3) (Smith et al.'s flow) and
// ||E[theta_m] - phi^{F0 + eps F1 + eps^2 F2}_{m eps}|| = O(eps^4); m = 1 gives IGR-3's f3.
// Controls: F2 without its T terms (only where they do not vanish at theta0), GD's f3 of the full loss in place of F2.
#include "checks/rr/rr3_third_order_field.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/toy_problems.hpp"
#include "checks/framework/sgd_setup.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "theory/losses/modified_field.hpp"
#include "theory/losses/reshuffling_field.hpp"

namespace irverify {

namespace rr3 {

// The terms of the field at theta0 (eps = 1): |F0|, |F1|, |F2|, the T part of F2, GD's f3 of L; and F2 at m = 1
// against IGR-3's f3 with its rounding tolerance.
template <class S> struct FieldTerms {
  S F0, F1, F2, F2_T, gd_f3;
  S m1_gap, m1_tol;
};

template <class S> FieldTerms<S> measure_terms(const Model<S>& m, const Partition& p, const Vec<S>& th) {
  auto at = [&](const Partition& q, ReshufflingF2 f) { return Vec<S>(evaluate(reshuffling_field<S>(m, q, S(1), f), th)); };
  const Vec<S> none = at(p, ReshufflingF2::none);
  const Vec<S> F0 = evaluate(reshuffling_field<S>(m, p, S(0), ReshufflingF2::none), th);
  const Vec<S> F2 = at(p, ReshufflingF2::derived) - none;
  FieldTerms<S> t{S(F0.norm()), S((none - F0).norm()), S(F2.norm()), S((F2 - (at(p, ReshufflingF2::without_T) - none)).norm()),
                  S((at(p, ReshufflingF2::gd_f3) - none).norm()), S(0), S(0)};
  const Partition one{m.all_examples()};
  const Vec<S> f3 = evaluate(modified_field<S>(m, one[0], {S(0), S(0), S(1) / 12, S(1) / 3}), th);
  t.m1_gap = S((at(one, ReshufflingF2::derived) - at(one, ReshufflingF2::none) - f3).norm());
  // Rounding: the two tapes sum O(d^2) products of H, g and T in different orders.
  t.m1_tol = S(64 * m.dim() * m.dim()) * eps<S>() * std::max(S(1), S(f3.norm()));
  return t;
}

template <class S> void present(const FieldTerms<S>& t, Case& c) {
  auto e = [](const S& x) { return fmt::format("{:.4e}", to_double(x)); };
  c.tables.push_back({"The field's terms at theta0 (norms; eps = 1)",
                      {"|F0|", "|F1|", "|F2|", "|T terms of F2|", "|GD's f3 of L|", "m = 1: |F2 - f3|", "rounding tolerance"},
                      {{e(t.F0), e(t.F1), e(t.F2), e(t.F2_T), e(t.gd_f3), e(t.m1_gap), e(t.m1_tol)}}});
}

}  // namespace rr3

template <class S> Case rr_third_order_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  const SgdSetup<S> st(ctx, spec);
  const Model<S>& m = st.model();
  const Vec<S>& th0 = st.theta0();
  const S nb(st.batches());
  const rr3::FieldTerms<S> terms = rr3::measure_terms<S>(m, st.part, th0);
  // The T control is resolvable only where F2's T terms do not vanish (not on quadratics).
  const bool has_T = terms.F2_T > S(1024 * m.dim()) * eps<S>() * std::max(S(1), terms.F2);
  Case c = st.start(fmt::format("exact mean over {}! orders, third-order field", st.batches()));
  c.variable = "eps";
  std::vector<ReshufflingF2> fields = {ReshufflingF2::none, ReshufflingF2::derived, ReshufflingF2::gd_f3};
  c.add_series("E[theta_m] vs flow of F0 + eps F1 (Smith et al.)", Role::claim, 3);
  c.add_series("E[theta_m] vs flow of F0 + eps F1 + eps^2 F2", Role::claim, 4);
  c.add_series("GD's f3 of L in place of F2 (wrong)", Role::control, 4);
  if (has_T) {
    fields.push_back(ReshufflingF2::without_T);
    c.add_series("F2 without its T terms (wrong)", Role::control, 4);
  }
  S eps = st.eps0;
  for (int k = 0; k < levels; ++k, eps /= 2) {
    c.add_h(eps);
    const EpochMean<S> e = exact_epoch_mean(m, st.part, th0, eps, ctx.deadline);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const TaylorFlow<S> flow(reshuffling_field<S>(m, st.part, eps, fields[i]), ctx.deadline);
      if (k == 0 && i == 1) c.solver = "exact enumeration with prefix sharing; flows: Taylor series, order " + std::to_string(flow.order());
      c.add_error(static_cast<int>(i), S((e.mean - flow.integrate(th0, nb * eps)).norm()));
    }
  }
  c.state("at m = 1 (the whole loss one batch) F2 is IGR-3's f3 = -(1/3) H^2 g - (1/12) T[g,g], to rounding", kHolds,
          outcome_of(terms.m1_gap <= terms.m1_tol),
          fmt::format("|F2 - f3| = {:.3e}, tolerance 64 d^2 eps max(1, |f3|) = {:.3e}", to_double(terms.m1_gap), to_double(terms.m1_tol)));
  rr3::present(terms, c);
  if (!has_T) c.extra["T_control"] = "left out: F2's T terms vanish at theta0 (the control would be the claim itself)";
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S) template Case rr_third_order_case<S>(const RunContext&, const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace rr3 {  // the claim's registration

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "RR-3";
  c.title = "Shuffled SGD: the third-order epoch field F2";
  c.paper = "Derived in CLAIMS.md (\"RR\"), extending Smith, Dherin, Barrett & De, ICLR 2021 (Sec. 3) one order";
  c.statement = "Averaged over all m! orders of m equal batches, one epoch of shuffled SGD is the flow for time m eps of "
      "F0 + eps F1 + eps^2 F2 to O(eps^4) (Smith et al.'s F0 + eps F1 only to O(eps^3)), with F0 = -gbar, "
      "F1 = -(1/(2m)) sum_k G_k g_k and F2 = (1/m)[E3 - (m/4)(Gbar S + sum_k (T_k[gbar,g_k] + G_k G_k gbar)) + "
      "(m^3/6)(Gbar Gbar gbar + Tbar[gbar,gbar])], E3 = -(1/6) sum_{jkl distinct} G_j G_k g_l - (1/4) sum_{j!=k} "
      "T_j[g_k,g_k] - (1/6) sum_{jkl distinct} T_j[g_k,g_l]; at m = 1, F2 = -(1/3) H^2 g - (1/12) T[g,g] (IGR-3's f3).";
  c.verdict_rule = fmt::format("Ladder eps_k = eps0 2^-k, k < {}, eps0 as in SGD-1; exact means by enumeration; fitted "
      "orders within +-{} of 3 (Smith et al.'s flow) and 4 (with F2); F2 at m = 1 equal to IGR-3's f3 within "
      "64 d^2 eps max(1, |f3|).",
      kRr3Levels, kOrderTolerance);
  c.negative_control = "GD's f3 of the full loss, -(1/3) H^2 g - (1/12) T[g,g], in place of F2, and F2 without its T terms "
      "(where they do not vanish at theta0: not on least squares): the order-4 check must reject both.";
  c.precision = "mp50";
  c.levels = kRr3Levels;
  c.not_applicable = sgd_not_applicable;
  c.problems = epoch_field_problems;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return rr_third_order_case<typename decltype(tag)::type>(ctx, s, ctx.levels);
  });
  return c;
}());

}  // namespace rr3

}  // namespace irverify
