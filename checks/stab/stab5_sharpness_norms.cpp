#include "checks/stab/stab5_sharpness_norms.hpp"
#include "checks/framework/claim.hpp"

#include "checks/framework/minimum_setup.hpp"

namespace irverify {

namespace {

template <class S> S trace_of_hessian(const Model<S>& m, const Vec<S>& th) { return m.hessian(th, m.all_examples()).trace(); }

}  // namespace

template <class S> Case stab_sharpness_norms_case(const RunContext& ctx, const ProblemSpec& spec) {
  using std::abs;
  using std::sqrt;
  const MinimumSetup<S> st(ctx, spec);
  const Model<S>& m = st.model();
  Case c = st.start("trace identities and norm bounds");
  const S eps = irverify::eps<S>();
  const int D = m.dim(), N = m.num_examples();
  // Identities hold to the rounding of a D x D Hessian's trace, plus the residual term r_i Hf_i of the Hessian.
  auto tol = [&](const S& scale, const Vec<S>& th) { return S(64 * D) * eps * scale + S(64) * residuals<S>(m, th).norm() * scale; };
  // (At theta0 this tolerance is large; it is used there only for the context row.)
  bool all_ok = true;
  double worst = 0;  // identity: |tr H - formula| / tr H at the minima
  CaseTable t{"", {}, {}};
  // A claim row (ok: it holds) or a control (ok: it is refuted, a statement of its own).
  auto row_outcome = [&](bool ok, bool control, const std::string& name = "") {
    if (control) c.state("control: " + name, kRefuted, outcome_of(!ok));
    else all_ok = all_ok && ok;
    return control ? (ok ? "rejected" : "NOT rejected") : (ok ? "holds" : "fails");
  };

  if (const auto* dn = dynamic_cast<const DiagNet<S>*>(&m)) {
    const bool uv = dn->diag_kind() != DiagKind::UUVV;
    const int p = dn->features();
    Vec<S> s(p);
    for (int k = 0; k < p; ++k) s(k) = dn->X().col(k).squaredNorm() / S(N);
    const S factor = uv ? S(1) : S(4), bound_factor = uv ? S(2) : S(4);
    // sum s_k (u_k^2 + v_k^2), sum s_k |beta_k| and the gap's sum (before the model's factors).
    struct Sums {
      S squares, betas, gap;
    };
    auto sums = [&](const Vec<S>& th) {
      Sums r{S(0), S(0), S(0)};
      for (int k = 0; k < p; ++k) {
        const S u = th(k), v = th(k + p);
        r.squares += s(k) * (u * u + v * v);
        r.betas += s(k) * abs(uv ? S(u * v) : S(u * u - v * v));
        r.gap += uv ? S(s(k) * (abs(u) - abs(v)) * (abs(u) - abs(v))) : S(2 * s(k) * std::min(u * u, v * v));
      }
      return r;
    };
    t.title = uv ? "diag-uv: tr H = sum s_k (u_k^2 + v_k^2) >= 2 sum s_k |beta_k|, gap sum s_k (|u_k| - |v_k|)^2"
                 : "diag-uu-vv: tr H = 4 sum s_k (u_k^2 + v_k^2) >= 4 sum s_k |beta_k|, equality iff u_k v_k = 0";
    t.columns = {"minimum", "|r|", "tr H (Hessian)", "identity", "|difference|", "lower bound", "tr H - bound", "gap formula",
                 "equality expected", "outcome"};
    struct Point {
      std::string name;
      Vec<S> th;
      bool equality;
    };
    const Vec<S> beta_star = min_norm_interpolator<S>(dn->X(), dn->y());
    std::vector<Point> pts = {
        {uv ? "constructed, balanced |u| = |v|" : "constructed, u_k v_k = 0", diag_parameters<S>(dn->diag_kind(), beta_star, uv ? S(1) : S(0)), true},
        {uv ? "constructed, |u| = 2|v|" : "constructed, c = 1/4", diag_parameters<S>(dn->diag_kind(), beta_star, uv ? S(2) : S(1) / 4), false},
        {"Gauss-Newton from theta0", st.min.theta, false}};
    for (const auto& pt : pts) {
      const Vec<S>& th = pt.th;
      const S tr = trace_of_hessian<S>(m, th);
      const Sums sm = sums(th);
      const S ident = factor * sm.squares, bound = bound_factor * sm.betas, gap = factor * sm.gap;
      const S tl = tol(tr, th), diff = abs(S(tr - ident)), excess = tr - bound;
      const bool eq_now = abs(excess) <= tl;
      worst = std::max(worst, to_double(S(diff / tr)));
      const bool ok = diff <= tl && excess >= -tl && abs(S(excess - gap)) <= tl && (pt.name.rfind("Gauss", 0) == 0 || eq_now == pt.equality);
      t.rows.push_back({pt.name, e4(to_double(residuals<S>(m, th).norm())), to_string_full(tr), to_string_full(ident),
                        e4(to_double(diff)), e4(to_double(bound)), e4(to_double(excess)), e4(to_double(gap)),
                        pt.name.rfind("Gauss", 0) == 0 ? "–" : pt.equality ? "yes" : "no", row_outcome(ok, false)});
    }
    c.tables.push_back(t);
    // Controls: the identity with the other model's factor; equality claimed at the unbalanced minimum.
    CaseTable ctl{"Negative controls", {"control", "value", "tr H", "|difference|", "tolerance", "outcome"}, {}};
    const Vec<S>& th1 = pts[1].th;
    const S tr1 = trace_of_hessian<S>(m, th1);
    const Sums sm1 = sums(th1);
    const S wrong = (uv ? S(4) : S(2)) * sm1.squares, eqv = bound_factor * sm1.betas;
    for (const auto& [name, val] : std::vector<std::pair<std::string, S>>{
             {uv ? "identity with factor 4 (the diag-uu-vv form)" : "identity with factor 2", wrong},
             {"equality tr H = bound at the unbalanced minimum", eqv}}) {
      const S d = abs(S(tr1 - val)), tl = tol(tr1, th1);
      ctl.rows.push_back({name, to_string_full(val), to_string_full(tr1), e4(to_double(d)), e4(to_double(tl)), row_outcome(d > tl, true, name)});
    }
    c.tables.push_back(ctl);
  } else if (const auto* tl2 = dynamic_cast<const TwoLayer<S>*>(&m)) {
    t.title = "two-layer: tr H = (1/N) sum_i |grad f(x_i)|^2 at interpolation, (2/N) sum |x_i||y_i| <= tr H <= (1/N) sum "
              "|x_i|^2 |theta|^2";
    t.columns = {"point", "|r|", "tr H (Hessian)", "(1/N) sum |grad f|^2", "|difference|", "tolerance", "lower bound",
                 "upper bound", "outcome"};
    // role: "claim" (an interpolating minimum), "context" (reported), "control" (the factor 1/(2N): must be rejected).
    auto eval = [&](const std::string& name, const Vec<S>& th, const std::string& role) {
      const S tr = trace_of_hessian<S>(m, th);
      S gf(0), lo(0), hi(0);
      for (int i = 0; i < N; ++i) {
        gf += m.output_gradient(th, i).squaredNorm();
        const S xn = tl2->X().row(i).norm();
        lo += 2 * xn * abs(tl2->y()(i));
        hi += xn * xn * th.squaredNorm();
      }
      gf /= S(role == "control" ? 2 * N : N), lo /= S(N), hi /= S(N);
      const S d = abs(S(tr - gf)), tt = tol(tr, th);
      const bool eq = d <= tt;
      if (role == "claim") worst = std::max(worst, to_double(S(d / tr)));
      const S slack = S(64 * D) * eps * tr;
      const std::string outcome = role == "claim"     ? row_outcome(eq && lo <= tr + slack && tr <= hi + slack, false)
                                  : role == "control" ? row_outcome(!eq, true, "tr H = (1/(2N)) sum |grad f|^2")
                                                      : std::string(eq ? "identity holds here too" : "differs");
      t.rows.push_back({name, e4(to_double(residuals<S>(m, th).norm())), to_string_full(tr), to_string_full(gf), e4(to_double(d)),
                        e4(to_double(tt)), e4(to_double(lo)), e4(to_double(hi)), outcome});
    };
    eval("Gauss-Newton minimum from theta0", st.min.theta, "claim");
    eval("control: factor 1/(2N) (the loss's 1/2 put into H)", st.min.theta, "control");
    // For ReLU the Hessian of f has zero trace (sigma'' = 0; the a-w cross blocks are off-diagonal), so the identity
    // holds at any point, not only at interpolation: reported as context.
    eval("context: theta0 (not interpolating)", st.pr.theta0, "context");
    c.tables.push_back(t);
  } else {
    throw ProblemError(spec.origin + ": STAB-5 is stated for diag-uv, diag-uu-vv and two-layer ReLU networks");
  }
  c.state("the trace identity and its norm bounds hold at every interpolating minimum, with equality exactly where stated",
          kHolds, outcome_of(all_ok), fmt::format("worst relative difference of the identity {:.2e}", worst));
  c.extra["worst_identity_relative_difference"] = worst;
  c.headline("trace identities to ≤ {:.1e} relative", worst);
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
