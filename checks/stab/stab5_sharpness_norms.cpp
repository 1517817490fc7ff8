#include "checks/stab/stab5_sharpness_norms.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"

#include <optional>

namespace irverify {

namespace stab5_detail {  // named: the family is one unity translation unit

template <class S> S trace_of_hessian(const Model<S>& m, const Vec<S>& th) { return m.hessian(th, m.all_examples()).trace(); }

// Identities hold to the rounding of a D x D Hessian's trace, plus the residual term r_i Hf_i of the Hessian (at
// theta0 this tolerance is large; it is used there only for the context row).
template <class S> S identity_tolerance(const Model<S>& m, const S& scale, const Vec<S>& th) {
  return S(64 * m.dim()) * eps<S>() * scale + S(64) * residuals<S>(m, th).norm() * scale;
}

// Diagonal networks: per point, tr H against the identity, the lower bound and the gap formula; controls at the
// unbalanced minimum.
template <class S> struct DiagRow {
  std::string name;
  int expected;  // equality tr H = bound: 1 expected, 0 not, -1 not stated (the Gauss-Newton minimum)
  S residual, tr, ident, diff, bound, excess, gap, tol;
  bool ok() const {
    using std::abs;
    const bool eq_now = abs(excess) <= tol;
    return diff <= tol && excess >= -tol && abs(S(excess - gap)) <= tol && (expected < 0 || eq_now == (expected == 1));
  }
};
template <class S> struct DiagControl {
  std::string name;
  S value, tr, diff, tol;
  bool rejected() const { return diff > tol; }
};
// Two-layer ReLU: tr H against (1/N) sum |grad f|^2 and its bounds, at a point in a role: an interpolating minimum
// (claim), the factor 1/(2N) (control: must be rejected), theta0 (context).
template <class S> struct ReluRow {
  std::string name;
  Role role;
  S residual, tr, gf, diff, tol, lo, hi, slack;
  bool equal() const { return diff <= tol; }
  bool ok() const { return role == Role::control ? !equal() : equal() && lo <= tr + slack && tr <= hi + slack; }
};
template <class S> struct Stab5Measurement {
  bool uv = false;  // diag-uv (else diag-uu-vv), when diag has rows
  std::vector<DiagRow<S>> diag;
  std::vector<DiagControl<S>> diag_controls;
  std::vector<ReluRow<S>> relu;
};

// sum s_k (u_k^2 + v_k^2), sum s_k |beta_k| and the gap's sum (before the model's factors).
template <class S> struct DiagSums {
  S squares, betas, gap;
};
template <class S> DiagSums<S> diag_sums(const Vec<S>& s, bool uv, const Vec<S>& th) {
  using std::abs;
  const int p = static_cast<int>(s.size());
  DiagSums<S> r{S(0), S(0), S(0)};
  for (int k = 0; k < p; ++k) {
    const S u = th(k), v = th(k + p);
    r.squares += s(k) * (u * u + v * v);
    r.betas += s(k) * abs(uv ? S(u * v) : S(u * u - v * v));
    r.gap += uv ? S(s(k) * (abs(u) - abs(v)) * (abs(u) - abs(v))) : S(2 * s(k) * std::min(u * u, v * v));
  }
  return r;
}

template <class S> void measure_diag(const MinimumSetup<S>& st, const DiagNet<S>& dn, Stab5Measurement<S>& m) {
  using std::abs;
  const Model<S>& model = st.model();
  const bool uv = m.uv = dn.diag_kind() != DiagKind::UUVV;
  const int p = dn.features(), N = model.num_examples();
  Vec<S> s(p);
  for (int k = 0; k < p; ++k) s(k) = dn.X().col(k).squaredNorm() / S(N);
  const S factor = uv ? S(1) : S(4), bound_factor = uv ? S(2) : S(4);
  const Vec<S> beta_star = min_norm_interpolator<S>(dn.X(), dn.y());
  const Vec<S> balanced = diag_parameters<S>(dn.diag_kind(), beta_star, uv ? S(1) : S(0));
  const Vec<S> unbalanced = diag_parameters<S>(dn.diag_kind(), beta_star, uv ? S(2) : S(1) / 4);
  auto row = [&](const std::string& name, const Vec<S>& th, int expected) {
    const S tr = trace_of_hessian<S>(model, th);
    const DiagSums<S> sm = diag_sums(s, uv, th);
    const S ident = factor * sm.squares, bound = bound_factor * sm.betas, gap = factor * sm.gap;
    m.diag.push_back({name, expected, residuals<S>(model, th).norm(), tr, ident, abs(S(tr - ident)), bound, tr - bound, gap,
                      identity_tolerance(model, tr, th)});
  };
  row(uv ? "constructed, balanced |u| = |v|" : "constructed, u_k v_k = 0", balanced, 1);
  row(uv ? "constructed, |u| = 2|v|" : "constructed, c = 1/4", unbalanced, 0);
  row("Gauss-Newton from theta0", st.min.theta, -1);
  // Controls: the identity with the other model's factor; equality claimed at the unbalanced minimum.
  const S tr1 = trace_of_hessian<S>(model, unbalanced);
  const DiagSums<S> sm1 = diag_sums(s, uv, unbalanced);
  const S wrong = (uv ? S(4) : S(2)) * sm1.squares, eqv = bound_factor * sm1.betas;
  for (const auto& [name, val] : std::vector<std::pair<std::string, S>>{
           {uv ? "identity with factor 4 (the diag-uu-vv form)" : "identity with factor 2", wrong},
           {"equality tr H = bound at the unbalanced minimum", eqv}})
    m.diag_controls.push_back({name, val, tr1, abs(S(tr1 - val)), identity_tolerance(model, tr1, unbalanced)});
}

template <class S> void measure_relu(const MinimumSetup<S>& st, const TwoLayer<S>& tl2, Stab5Measurement<S>& m) {
  using std::abs;
  const Model<S>& model = st.model();
  const int N = model.num_examples();
  auto row = [&](const std::string& name, const Vec<S>& th, Role role) {
    const S tr = trace_of_hessian<S>(model, th);
    S gf(0), lo(0), hi(0);
    for (int i = 0; i < N; ++i) {
      gf += model.output_gradient(th, i).squaredNorm();
      const S xn = tl2.X().row(i).norm();
      lo += 2 * xn * abs(tl2.y()(i));
      hi += xn * xn * th.squaredNorm();
    }
    gf /= S(role == Role::control ? 2 * N : N), lo /= S(N), hi /= S(N);
    m.relu.push_back({name, role, residuals<S>(model, th).norm(), tr, gf, abs(S(tr - gf)), identity_tolerance(model, tr, th), lo, hi,
                      S(64 * model.dim()) * eps<S>() * tr});
  };
  row("Gauss-Newton minimum from theta0", st.min.theta, Role::claim);
  row("control: factor 1/(2N) (the loss's 1/2 put into H)", st.min.theta, Role::control);
  // For ReLU the Hessian of f has zero trace (sigma'' = 0; the a-w cross blocks are off-diagonal), so the identity
  // holds at any point, not only at interpolation: reported as context.
  row("context: theta0 (not interpolating)", st.pr.theta0, Role::context);
}

template <class S> Stab5Measurement<S> measure(const MinimumSetup<S>& st, const ProblemSpec& spec) {
  Stab5Measurement<S> m;
  if (const auto* dn = dynamic_cast<const DiagNet<S>*>(&st.model())) measure_diag(st, *dn, m);
  else if (const auto* tl2 = dynamic_cast<const TwoLayer<S>*>(&st.model())) measure_relu(st, *tl2, m);
  else throw ProblemError(spec.origin + ": STAB-5 is stated for diag-uv, diag-uu-vv and two-layer ReLU networks");
  return m;
}

// The worst relative difference of the identity at the minima.
template <class S> double worst_identity(const Stab5Measurement<S>& m) {
  double worst = 0;
  for (const DiagRow<S>& r : m.diag) worst = std::max(worst, to_double(S(r.diff / r.tr)));
  for (const ReluRow<S>& r : m.relu)
    if (r.role == Role::claim) worst = std::max(worst, to_double(S(r.diff / r.tr)));
  return worst;
}

template <class S> void judge(const Stab5Measurement<S>& m, Case& c) {
  bool all_ok = true;
  for (const DiagRow<S>& r : m.diag) all_ok = all_ok && r.ok();
  for (const DiagControl<S>& k : m.diag_controls) c.state("control: " + k.name, kRefuted, outcome_of(!k.rejected()));
  for (const ReluRow<S>& r : m.relu) {
    if (r.role == Role::claim) all_ok = all_ok && r.ok();
    if (r.role == Role::control) c.state("control: tr H = (1/(2N)) sum |grad f|^2", kRefuted, outcome_of(!r.ok()));
  }
  c.state("the trace identity and its norm bounds hold at every interpolating minimum, with equality exactly where stated",
          kHolds, outcome_of(all_ok), fmt::format("worst relative difference of the identity {:.2e}", worst_identity(m)));
}

template <class S> void present_diag(const Stab5Measurement<S>& m, Case& c) {
  CaseTable t{m.uv ? "diag-uv: tr H = sum s_k (u_k^2 + v_k^2) >= 2 sum s_k |beta_k|, gap sum s_k (|u_k| - |v_k|)^2"
                   : "diag-uu-vv: tr H = 4 sum s_k (u_k^2 + v_k^2) >= 4 sum s_k |beta_k|, equality iff u_k v_k = 0",
              {"minimum", "|r|", "tr H (Hessian)", "identity", "|difference|", "lower bound", "tr H - bound", "gap formula",
               "equality expected", "outcome"},
              {}};
  for (const DiagRow<S>& r : m.diag)
    t.rows.push_back({r.name, e4(to_double(r.residual)), to_string_full(r.tr), to_string_full(r.ident), e4(to_double(r.diff)),
                      e4(to_double(r.bound)), e4(to_double(r.excess)), e4(to_double(r.gap)),
                      r.expected < 0 ? "–" : r.expected == 1 ? "yes" : "no", r.ok() ? "holds" : "fails"});
  c.tables.push_back(std::move(t));
  CaseTable ctl{"Negative controls", {"control", "value", "tr H", "|difference|", "tolerance", "outcome"}, {}};
  for (const DiagControl<S>& k : m.diag_controls)
    ctl.rows.push_back({k.name, to_string_full(k.value), to_string_full(k.tr), e4(to_double(k.diff)), e4(to_double(k.tol)),
                        k.rejected() ? "rejected" : "NOT rejected"});
  c.tables.push_back(std::move(ctl));
}

template <class S> void present_relu(const Stab5Measurement<S>& m, Case& c) {
  CaseTable t{"two-layer: tr H = (1/N) sum_i |grad f(x_i)|^2 at interpolation, (2/N) sum |x_i||y_i| <= tr H <= (1/N) sum "
              "|x_i|^2 |theta|^2",
              {"point", "|r|", "tr H (Hessian)", "(1/N) sum |grad f|^2", "|difference|", "tolerance", "lower bound", "upper bound",
               "outcome"},
              {}};
  for (const ReluRow<S>& r : m.relu) {
    const std::string outcome = r.role == Role::claim     ? (r.ok() ? "holds" : "fails")
                                : r.role == Role::control ? (r.ok() ? "rejected" : "NOT rejected")
                                                          : (r.equal() ? "identity holds here too" : "differs");
    t.rows.push_back({r.name, e4(to_double(r.residual)), to_string_full(r.tr), to_string_full(r.gf), e4(to_double(r.diff)),
                      e4(to_double(r.tol)), e4(to_double(r.lo)), e4(to_double(r.hi)), outcome});
  }
  c.tables.push_back(std::move(t));
}

template <class S> void present(const Stab5Measurement<S>& m, Case& c) {
  if (!m.diag.empty()) present_diag(m, c);
  if (!m.relu.empty()) present_relu(m, c);
  const double worst = worst_identity(m);
  c.extra["worst_identity_relative_difference"] = worst;
  c.headline("trace identities to ≤ {:.1e} relative", worst);
}

}  // namespace stab5_detail

template <class S> Case stab_sharpness_norms_case(const RunContext& ctx, const ProblemSpec& spec) {
  using namespace stab5_detail;
  const MinimumSetup<S> st(ctx, spec);
  Case c = st.start("trace identities and norm bounds");
  const Stab5Measurement<S> m = measure(st, spec);
  judge(m, c);
  present(m, c);
  return st.finish(std::move(c));
}

#define IRVERIFY_INST(S) template Case stab_sharpness_norms_case<S>(const RunContext&, const ProblemSpec&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace stab5 {  // the claim's registration

std::string stab5_not_applicable(const ProblemSpec& s) {
  const std::string why = requires_model(s, {"diag-uv", "diag-uu-vv", "two-param", "two-layer-relu"});
  return why.empty() ? interpolation_not_applicable(s) : why;
}

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "STAB-5";
  c.title = "Sharpness and weight norms at interpolating minima";
  c.paper = "CLAIMS.md (STAB-5), after Wu & Su 2023 (Sec. 5) and the diagonal-network literature";
  c.statement = "diag-uv: tr H = sum_k s_k (u_k^2 + v_k^2) >= 2 sum_k s_k |beta_k|, equality iff |u_k| = |v_k|; diag-uu-vv: "
      "tr H = 4 sum_k s_k (u_k^2 + v_k^2); two-layer ReLU: tr H = (1/N) sum_i |grad_theta f(x_i)|^2, between "
      "(2/N) sum_i |x_i||y_i| and (1/N) sum_i |x_i|^2 |theta|^2.";
  c.verdict_rule = "At exact minima (constructed balanced and unbalanced, and Gauss-Newton from theta0) in mp50: identities to 64 dim "
      "eps (plus the residual term); bound excess equals its gap formula; equality exactly at the balanced minimum.";
  c.negative_control = "The diag identity with the other model's factor, equality claimed at the unbalanced minimum, and the ReLU "
      "identity with factor 1/(2N) must all be rejected.";
  c.precision = "mp50";
  c.not_applicable = stab5_not_applicable;
  c.problems = [] { return std::vector<ProblemSpec>{minimum_problems()[1], minimum_problems()[2], minimum_relu_problems()[0]}; };
  c.eigen_size = EigenSize::Examples;
  c.summary_expected = "identities to 64 dim eps; tr H ≥ bound, equality exactly where stated";
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return stab_sharpness_norms_case<typename decltype(tag)::type>(ctx, s);
  });
  return c;
}());

}  // namespace stab5

}  // namespace irverify
