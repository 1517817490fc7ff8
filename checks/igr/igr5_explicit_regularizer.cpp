// IGR-5 (Barrett & Dherin 2021, Sec. 6; CLAIMS.md), on two-param, diag-uv and smooth formula models: the flow of
// L + mu |g|^2 converges to minima whose sharpness decreases with mu; mu = h/4 gives GD's limit to O(h^2).
#include "checks/igr/igr5_explicit_regularizer.hpp"
#include "checks/framework/claim.hpp"

#include "checks/igr/flat_minima_study.hpp"

namespace irverify {

namespace igr5 {

// The limit of the flow of L + mu |g|^2 for one mu, and the control's, of L - mu |g|^2.
template <class S> struct RegularizedLimit {
  S mu;
  Sharpness<S> sharp;
  std::optional<S> balance;
  S time;
  S lmax_control;
};

// The mu grid, increasing: 0, (h0/4) 2^-(J-1), ..., h0/4; and the sign-flipped regularizer L - mu |g|^2.
template <class S> std::vector<RegularizedLimit<S>> measure_mu_grid(const FlatMinimaSetup<S>& st) {
  std::vector<S> mus = {S(0)};
  for (int j = kMuGridSize - 1; j >= 0; --j) mus.push_back(S(st.h0 / 4) / S(1L << j));
  std::vector<RegularizedLimit<S>> r;
  for (const S& mu : mus) {
    const LimitPoint<S> l = st.flow(mu), lc = st.flow(S(-mu));
    r.push_back({mu, sharpness<S>(st.model(), st.all, l.theta), balance<S>(st.pr.spec.model, l.theta), l.time,
                 sharpness<S>(st.model(), st.all, lc.theta).lmax});
  }
  return r;
}

template <class S> void judge(const std::vector<RegularizedLimit<S>>& grid, const FlatMinimaSetup<S>& st, Case& c) {
  std::vector<double> lam, lam_ctl;
  for (const RegularizedLimit<S>& l : grid) {
    lam.push_back(to_double(l.sharp.lmax));
    lam_ctl.push_back(to_double(l.lmax_control));
  }
  const double res = 100 * st.lim.target * std::max(1.0, lam.front());
  const bool decreasing = strictly_decreasing(lam, res), control_passes = strictly_decreasing(lam_ctl, res);
  sharpness_statements(c, "lambda_max of the limit of the flow of L + mu |g|^2 strictly decreasing in mu", decreasing,
                       "control: with the sign error L - mu |g|^2, strictly decreasing in mu", control_passes, res);
}

template <class S> void present(const std::vector<RegularizedLimit<S>>& grid, Case& c) {
  CaseTable t{"Limits of the flow of L + mu |g|^2 (and of the control L - mu |g|^2)",
              {"mu", "lambda_max", "tr H", "balance", "flow time", "control: lambda_max for L - mu |g|^2"},
              {}};
  for (const RegularizedLimit<S>& l : grid)
    t.rows.push_back({e3(to_double(l.mu)), f6(to_double(l.sharp.lmax)), f6(to_double(l.sharp.trace)), balance_text<S>(l.balance),
                      fmt::format("{:.1f}", to_double(l.time)), f6(to_double(l.lmax_control))});
  c.tables.push_back(std::move(t));
}

}  // namespace igr5

template <class S> Case igr_explicit_regularizer_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  const FlatMinimaSetup<S> st(ctx, spec);
  Case c = st.start("flows of L + mu |g|^2");
  c.add_series("GD limit vs limit of the flow of L + (h/4)|g|^2", Role::claim, 2);
  c.add_series("GD limit vs limit of the flow of L + (h/2)|g|^2 (wrong mu)", Role::control, 2);
  S h = st.h0;
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    const LimitPoint<S> gd = st.gd(h);
    c.add_error(0, S((gd.theta - st.flow(h / 4).theta).norm()));
    c.add_error(1, S((gd.theta - st.flow(h / 2).theta).norm()));
  }
  const std::vector<igr5::RegularizedLimit<S>> grid = igr5::measure_mu_grid<S>(st);
  igr5::judge<S>(grid, st, c);
  igr5::present<S>(grid, c);
  return st.finish(std::move(c), st.lim.target);
}

#define IRVERIFY_INST(S) template Case igr_explicit_regularizer_case<S>(const RunContext&, const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace igr5 {  // the claim's registration


const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "IGR-5";
  c.title = "Explicit regularizer L + mu ||g||^2";
  c.paper = "Barrett & Dherin, Implicit Gradient Regularization, ICLR 2021 (Sec. 6, explicit gradient regularization)";
  c.statement = "Gradient flow on L + mu ||g||^2 converges to minima whose sharpness decreases with mu; mu = h/4 reproduces "
      "GD's end point to O(h^2).";
  c.verdict_rule = fmt::format("On two-param, diag-uv and smooth formula models: for mu = 0 and mu = (h0/4) 2^-j, j < {}, "
      "lambda_max at the flow's limit strictly decreasing in mu; on the IGR-4 ladder ({} levels), the distance from GD's limit to the limit "
      "of the flow with mu = h/4 has fitted order within +-{} of 2.",
      kMuGridSize, kFlatMinimaLevels, kOrderTolerance);
  c.negative_control = "mu = h/2 must be rejected by the order-2 check; the sign-flipped regularizer L - mu ||g||^2 must fail the "
      "decreasing-sharpness test.";
  c.precision = "quad";
  c.levels = kFlatMinimaLevels;
  c.not_applicable = flat_minima_not_applicable;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return igr_explicit_regularizer_case<typename decltype(tag)::type>(ctx, s, ctx.levels);
  });
  return c;
}());

}  // namespace igr5

}  // namespace irverify
