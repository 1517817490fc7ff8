// BEA-3 (CLAIMS.md BEA, MOM; Hairer, Lubich & Wanner GNI XV.2: the underlying one-step method of a multistep method).
// A two-step method theta_(n+1) = Psi(theta_n, theta_(n-1)) has an underlying one-step method Phi = B(a) with
// Phi(Phi(y)) = Psi(Phi(y), y). With f = -g and h f(B(c, y)) = B(c', y), c'(•) = 1, c'([t1..tk]) = c(t1)...c(tk) (GNI
// Lemma III.1.9, grafted() in theory/bseries/series.hpp), tree by tree (a(t) enters both ends of the composition
// a a: 2 a(t) + R(t)):
//   (P) heavy ball  Psi = z + beta (z - y) + h f(z):                          2a + R = (1 + beta) a + a'
//   (S) Sutskever   Psi = z + beta (z - y) + h f(z + beta (z - y)):           2a + R = (1 + beta) a + c',
//                   c = (1 + beta) a - beta (the identity's series), equal to (1 + beta) a on every tree
//   (N) PyTorch     Psi = z + beta (z - y) + h (1 + beta) f(z) - h beta f(y): 2a + R = (1 + beta) a + (1 + beta) a' - beta [t = •]
// so a(t) = (rhs without a(t) - R(t)) / (1 - beta). The modified field is log(a): MOM's theta' = -(1/(1-beta))(g + 2 kappa h
// H g) is b(•) = 1/(1 - beta), b([•]) = -2 kappa/(1 - beta). Start from rest: the iterates' •-coefficients c_n
// (theta_n = theta_0 + c_n h f + O(h^2)) satisfy c_(n+1) = (1 + beta) c_n - beta c_(n-1) + 1 (every scheme: the
// recurrence's • terms), c_0 = 0, c_1 = 1 ((P), (S)) or 1 + beta ((N)); d_n = c_n - n a(•) solves the homogeneous
// recurrence (roots 1, beta), so theta_n - Phi^n(theta_0) -> h f(theta_0) lim d_n with lim d_n = (d_1 - beta d_0)/(1 - beta),
// d_0 = 0: the iterates follow the flow from theta_0 + h s g(theta_0), s = -lim d_n (f = -g).
#include "checks/bea/bea3_momentum_series.hpp"

#include "checks/bea/bea_series.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/ladder_setup.hpp"
#include "solvers/iterate/iterate.hpp"
#include "solvers/iterate/momentum.hpp"
#include "theory/problem/generator.hpp"
#include "theory/losses/momentum_field.hpp"

namespace irverify {

namespace bea3 {

using bs::Rational;

constexpr int kOrder = 3;

bs::Series underlying(bs::TreeTable& tab, Momentum scheme, const Rational& beta) {
  bs::Series a(tab, kOrder);
  const int leaf = tab.intern(0, {});
  for (int t : a.trees()) {
    a[t] = 0;
    const Rational R = bs::compose(a, a)[t];  // the composition without a(t)
    Rational rhs;
    if (scheme == Momentum::HeavyBall) {
      rhs = bs::grafted(a)[t];
    } else if (scheme == Momentum::Sutskever) {
      bs::Series c = a;
      for (int u : c.trees()) c[u] = (1 + beta) * a[u];
      rhs = bs::grafted(c)[t];
    } else {
      rhs = (1 + beta) * bs::grafted(a)[t] - (t == leaf ? beta : Rational(0));
    }
    a[t] = (rhs - R) / (1 - beta);
  }
  return a;
}

// What the series gives MOM: the modified field b = log(a), its prefactor b(•), kappa = -b([•]) (1 - beta)/2, and the
// start shift s = -(c_1 - a(•))/(1 - beta) from the iterates' •-coefficients (header comment), c_1 = 1 (P, S) or
// 1 + beta (N) (the start from rest written out).
struct MomentumSeries {
  bs::Series b;
  Rational prefactor, kappa, shift;
};
MomentumSeries momentum_series(bs::TreeTable& tab, Momentum scheme, const Rational& beta) {
  const bs::Series a = underlying(tab, scheme, beta);
  MomentumSeries r{bs::log(a), 0, 0, 0};
  const int leaf = tab.intern(0, {});
  const Rational c1 = scheme == Momentum::PyTorchNesterov ? Rational(1 + beta) : Rational(1);
  r.prefactor = r.b[leaf];
  r.kappa = -r.b[tab.intern(0, {leaf})] * (1 - beta) / 2;
  r.shift = -(c1 - a[leaf]) / (1 - beta);
  return r;
}

const char* name(Momentum m) {
  return m == Momentum::HeavyBall ? "heavy ball (P)" : m == Momentum::Sutskever ? "Nesterov, Sutskever form (S)" : "Nesterov, PyTorch form (N)";
}

}  // namespace bea3

Case bea_momentum_exact_case(const RunContext& ctx) {
  using bs::Rational;
  const auto t0 = std::chrono::steady_clock::now();
  Case c = exact_case(ctx, "momentum (any loss)", "built-in: rooted trees of one colour",
                      "underlying one-step methods of heavy ball and Nesterov (rational arithmetic)");
  CaseTable coef{"Modified field theta' = b(•) f + h b([•]) f'f + ... = -(1/(1-beta))(g + 2 kappa h H g) + O(h^2)",
                 {"scheme", "beta", "b(•)", "kappa from the series", "MOM (theory/losses/momentum_field.hpp)", "start shift s",
                  "MOM's s"},
                 {}};
  CaseTable printed{"The modified fields through h^2 (beta = 1/2)", {"scheme", "h^0", "h^1", "h^2 (beyond MOM)"}, {}};
  for (Momentum m : {Momentum::HeavyBall, Momentum::Sutskever, Momentum::PyTorchNesterov})
    for (const Rational& beta : {Rational(3, 10), Rational(1, 2), Rational(2, 3)}) {
      bs::TreeTable tab(1);
      const bea3::MomentumSeries ms = bea3::momentum_series(tab, m, beta);
      const bs::Series& b = ms.b;
      const Rational &kappa = ms.kappa, &s = ms.shift;
      const Rational want_kappa = momentum_kappa<Rational>(m, beta), want_s = momentum_shift<Rational>(m, beta);
      const std::string at = fmt::format("{}, beta = {}", bea3::name(m), rational_text(beta));
      c.state("the prefactor 1/(1 - beta): " + at, kHolds, outcome_of(ms.prefactor == 1 / (1 - beta)),
              "exact: b(•) = " + rational_text(ms.prefactor));
      state_exact(c, "MOM's coefficient kappa (momentum_kappa): " + at, kHolds, kappa, want_kappa);
      state_exact(c, "MOM's start shift s (momentum_shift), from the iterates' •-coefficients (the start from rest written out: "
                     "theta_1 = theta_0 + c_1 h f, c_1 = 1 (P, S) or 1 + beta (N); the ladder runs the method itself): " + at,
                  kHolds, s, want_s);
      state_exact(c, "GD's coefficient kappa = 1/4 with the prefactor (negative control): " + at, kRefuted, kappa, Rational(1, 4));
      if (m != Momentum::HeavyBall)
        state_exact(c, "the heavy-ball coefficient (1 + beta)/(4 (1 - beta)^2) for Nesterov (negative control): " + at, kRefuted, kappa,
                    momentum_kappa<Rational>(Momentum::HeavyBall, beta));
      coef.rows.push_back({bea3::name(m), rational_text(beta), rational_text(ms.prefactor), rational_text(kappa), rational_text(want_kappa),
                           rational_text(s), rational_text(want_s)});
      if (beta == Rational(1, 2))
        printed.rows.push_back({bea3::name(m), bs::order_text(b, 1, bs::Notation::gradient), bs::order_text(b, 2, bs::Notation::gradient),
                                bs::order_text(b, 3, bs::Notation::gradient)});
    }
  c.tables.push_back(std::move(coef));
  c.tables.push_back(std::move(printed));
  c.solver = "B-series in exact rationals";
  return finish_case(std::move(c), 0, t0);
}

template <class S> Case bea_momentum_ladder_case(const RunContext& ctx, const ProblemSpec& spec, Momentum kind, int levels) {
  using std::ceil;
  using std::sqrt;
  const LadderSetup<S> st(ctx, spec);
  const bs::Rational beta_q(1, 2);
  bs::TreeTable tab(1);
  const bea3::MomentumSeries ms = bea3::momentum_series(tab, kind, beta_q);
  const S beta = to_scalar<S>(beta_q), kappa = to_scalar<S>(ms.kappa), s = to_scalar<S>(ms.shift);
  // MOM's ladder: h0 = (1 - sqrt(beta))^2 / (4 max(1, rho(H(theta0)))) rounded down to a power of two, T = ceil(1/h0) h0.
  const S h0 = power_of_two_below<S>(S((1 - sqrt(beta)) * (1 - sqrt(beta))) / (4 * std::max(S(1), spectral_radius<S>(st.H0))));
  const long n0 = static_cast<long>(to_double(S(ceil(S(1) / h0))));
  const S T = h0 * n0;
  const Vec<S>& th0 = st.theta0();
  Case c = st.start(fmt::format("{} from rest to T = {}, beta = 1/2: MOM's ladder with the series' kappa and s", bea3::name(kind), to_double(T)));
  c.add_series("from the series' shifted start theta0 + h s g(theta0), the series' kappa", Role::claim, 2);
  c.add_series("from theta0 (no shift)", Role::control, 2);
  c.add_series("shifted start, GD's kappa 1/4", Role::control, 2);
  S h = h0;
  long n = n0;
  for (int k = 0; k < levels; ++k, h /= 2, n *= 2) {
    c.add_h(h);
    Vec<S> x = momentum_state<S>(th0);
    iterate(MomentumStep<S>{st.model(), st.all, h, beta, kind}, x, n);
    const Vec<S> th = x.head(th0.size()), start = th0 + h * s * st.g0;
    const TaylorFlow<S> flow = st.flow(momentum_flow_field<S>(st.model(), st.all, h, beta, kappa));
    const TaylorFlow<S> gd = st.flow(momentum_flow_field<S>(st.model(), st.all, h, beta, S(1) / 4));
    c.add_error(0, S((th - flow.integrate(start, T)).norm()));
    c.add_error(1, S((th - flow.integrate(th0, T)).norm()));
    c.add_error(2, S((th - gd.integrate(start, T)).norm()));
  }
  c.solver = "from rest (theta_{-1} = theta0, a zero buffer); flows: Taylor series";
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S) template Case bea_momentum_ladder_case<S>(const RunContext&, const ProblemSpec&, Momentum, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace bea3 {

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "BEA-3";
  c.title = "Heavy ball and Nesterov by B-series: MOM-1/MOM-2's coefficients and start shifts exactly";
  c.paper = "Hairer, Lubich & Wanner, GNI XV.2 (underlying one-step methods) and IX.9; checks MOM-1/MOM-2 (Ghosh, Lyu, Zhang "
            "& Wang, ICLR 2023; Kovachki & Stuart, JMLR 2021)";
  c.statement = "The underlying one-step methods of heavy ball (P) and Nesterov ((S), (N)), solved as B-series from their "
                "two-step recurrences, have modified fields -(1/(1-beta))(g + 2 kappa h H g) + O(h^2) with kappa = "
                "(1 + beta)/(4 (1 - beta)^2) (P) and (1 - beta + 2 beta^2)/(4 (1 - beta)^2) (S, N); iterates from rest follow "
                "the flow from theta_0 + h s g(theta_0), s = beta/(1 - beta)^2 (P, S) and beta^2/(1 - beta)^2 (N).";
  c.verdict_rule = fmt::format("Exact rational equality with the suite's momentum_kappa and momentum_shift "
                               "(theory/losses/momentum_field.hpp, instantiated on rationals), beta = 3/10, 1/2, 2/3; MOM's global "
                               "ladder ({} levels, mp50, beta = 1/2) with the series' kappa and s: order within +-{} of 2 from the "
                               "shifted start on least squares and diag-uv.", kBeaMomLevels, kOrderTolerance);
  c.negative_control = "GD's coefficient 1/4, and the heavy-ball coefficient for Nesterov, must differ exactly; in the ladder, "
                       "the flow from theta0 and GD's kappa must lower the order to 1.";
  c.precision = "mp50";
  c.levels = kBeaMomLevels;
  builtin_cases_only(c, "BEA-3 checks built-in instances (MOM-1/MOM-2 run problem files)", [](auto tag, const RunContext& ctx) {
    using S = typename decltype(tag)::type;
    std::vector<Case> v{bea_momentum_exact_case(ctx)};
    for (const char* kind : {"least-squares", "diag-uv"})
      for (Momentum m : {Momentum::HeavyBall, Momentum::Sutskever, Momentum::PyTorchNesterov})
        v.push_back(bea_momentum_ladder_case<S>(ctx, generate_problem(kind, 1), m, ctx.levels));
    return v;
  });
  return c;
}());

}  // namespace bea3

}  // namespace irverify
