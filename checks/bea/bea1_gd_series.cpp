// BEA-1 (CLAIMS.md BEA; Hairer, Lubich & Wanner, GNI IX.9): the modified field of explicit Euler as the logarithm of
// its B-series, a(•) = 1 and 0 on larger trees, in exact rationals; checked against the suite's own IGR constants
// (theory/losses/modified_field.hpp instantiated on rationals), the textbook families (bushy trees: Bernoulli
// numbers, hD/(e^(hD) - 1) on y' = phi(t); tall trees: (-1)^(k-1)/k, log(1 + h lambda)/h on y' = lambda y), and by
// the local-error ladder of its truncations.
#include "checks/bea/bea1_gd_series.hpp"

#include "checks/bea/bea_series.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/ladder_setup.hpp"
#include "theory/losses/modified_field.hpp"

namespace irverify {

namespace bea1 {

constexpr int kExactOrder = 8;  // trees through 8 nodes for the counts, the time and the identities
constexpr int kPrinted = 5;     // through h^4

// Bernoulli numbers B_0..B_n (B_1 = -1/2): sum_{j=0}^{k} C(k+1, j) B_j = 0.
std::vector<bs::Rational> bernoulli(int n) {
  std::vector<bs::Rational> B(n + 1);
  B[0] = 1;
  for (int k = 1; k <= n; ++k) {
    bs::Rational s = 0, binom = 1;  // C(k+1, j)
    for (int j = 0; j < k; ++j) {
      s += binom * B[j];
      binom = binom * (k + 1 - j) / (j + 1);
    }
    B[k] = -s / (k + 1);
  }
  return B;
}

// The trees of one shape family: bushy [•^(k-1)] (k nodes) or tall (a chain of k nodes).
int bushy(bs::TreeTable& t, int k) { return t.intern(0, std::vector<int>(k - 1, t.intern(0, {}))); }
int tall(bs::TreeTable& t, int k) {
  int id = t.intern(0, {});
  for (int i = 1; i < k; ++i) id = t.intern(0, {id});
  return id;
}

}  // namespace bea1

Case bea_gd_exact_case(const RunContext& ctx) {
  using bs::Notation;
  using bs::Rational;
  const auto t0 = std::chrono::steady_clock::now();
  Case c = exact_case(ctx, "explicit Euler (any field f)", "built-in: rooted trees of one colour",
                      "exact B-series of GD through h^4 (rational arithmetic)");
  bs::TreeTable tab(1);
  const bs::Series a = bs::euler(tab, bea1::kExactOrder, {Rational(1)});
  const bs::Series b = bs::log(a);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // IGR's constants as the suite uses them: the field -(a_g g + a_Hg H g + a_T T[g,g] + a_HHg H^2 g) at h = 1.
  const FieldCoefficients<Rational> igr = third_order_coefficients<Rational>(Rational(1));
  const int t_hg = tab.intern(0, {tab.intern(0, {})}), t_tgg = bea1::bushy(tab, 3), t_hhg = bea1::tall(tab, 3);
  auto coef = [&](int id) { return bs::term_coefficient(b, id, Notation::gradient); };
  state_exact(c, "f1 = -g (the flow of L)", kHolds, coef(tab.intern(0, {})), -igr.g);
  state_exact(c, "f2 = -(1/2) H g = -(1/4) grad |g|^2 (IGR-1's L + (h/4)|g|^2, as theory/losses/modified_field.hpp has it)",
              kHolds, coef(t_hg), -igr.Hg);
  state_exact(c, "f3's T[g, g] coefficient is -1/12 (IGR-3, as the suite's field has it)", kHolds, coef(t_tgg), -igr.Tgg);
  state_exact(c, "f3's H^2 g coefficient is -1/3 (IGR-3, as the suite's field has it)", kHolds, coef(t_hhg), -igr.HHg);
  state_exact(c, "f3's T[g, g] coefficient is -1/6 (negative control: 1/6 in place of 1/12)", kRefuted, coef(t_tgg), Rational(-1, 6));
  // The textbook families, every order through 8 nodes.
  const std::vector<Rational> B = bea1::bernoulli(bea1::kExactOrder);
  bool bern = true, chain = true;
  for (int k = 1; k <= bea1::kExactOrder; ++k) {
    bern = bern && b[bea1::bushy(tab, k)] == B[k - 1];
    chain = chain && b[bea1::tall(tab, k)] == Rational(k % 2 == 1 ? 1 : -1, k);
  }
  c.state("bushy trees [•^(k-1)]: b = B_(k-1) (Bernoulli, B_1 = -1/2), k = 1..8: Euler on y1' = 1, y2' = phi(y1) has the "
          "modified field hD/(e^(hD) - 1) phi",
          kHolds, outcome_of(bern), "exact, every k = 1..8");
  c.state("tall trees (chains of k nodes): b = (-1)^(k-1)/k, k = 1..8: the series of log(1 + h lambda)/h", kHolds,
          outcome_of(chain), "exact, every k = 1..8");
  // Identities of the algebra that do not share its code path with the above: the exact flow's field is f alone, and
  // two Euler steps of h have twice the field of one (a composition, then a logarithm).
  bs::Series f(tab, bea1::kExactOrder);
  f[tab.intern(0, {})] = 1;
  c.state("log(exact flow) = f: the exact flow's modified field has no h-terms, through 8 nodes", kHolds,
          outcome_of(bs::log(bs::exact_flow(tab, bea1::kExactOrder)) == f), "exact, every tree through 8 nodes");
  const bs::Series two = bs::log(bs::compose(a, a));
  bool twice = true;
  for (int id : b.trees()) twice = twice && two[id] == 2 * b[id];
  c.state("two GD steps of h have twice the modified field of one: log(a a) = 2 log(a), through 8 nodes", kHolds,
          outcome_of(twice), "exact, every tree through 8 nodes");
  // Tree counts and the time.
  CaseTable counts{fmt::format("Trees by number of nodes and the time of log(Euler) through {} nodes", bea1::kExactOrder),
                   {"nodes", "trees", "nonzero b(t)", "seconds"}, {}};
  for (int k = 1; k <= bea1::kExactOrder; ++k) {
    int n = 0, nz = 0;
    for (int id : b.trees())
      if (tab.order(id) == k) ++n, nz += b[id] != 0;
    counts.rows.push_back({std::to_string(k), std::to_string(n), std::to_string(nz), ""});
  }
  counts.rows.push_back({"total", std::to_string(b.trees().size()), "", fmt::format("{:.4f}", seconds)});
  c.tables.push_back(std::move(counts));
  c.tables.push_back(fields_table("Modified field of GD: f~ = f1 + h f2 + h^2 f3 + h^3 f4 + h^4 f5 (f = -g)", b, bea1::kPrinted, true));
  c.tables.push_back(series_table("The coefficients b(t) of log(Euler), trees of 1..5 nodes", b, bea1::kPrinted, true));
  c.extra["bseries"] = {{"f4", bs::order_text(b, 4, Notation::field)}, {"f4_gradient", bs::order_text(b, 4, Notation::gradient)},
                       {"f5", bs::order_text(b, 5, Notation::field)}, {"f5_gradient", bs::order_text(b, 5, Notation::gradient)}};
  c.solver = "B-series in exact rationals";
  return finish_case(std::move(c), 0, t0);
}

template <class S> Case bea_gd_ladder_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  const LadderSetup<S> st(ctx, spec);
  bs::TreeTable tab(1);
  const bs::Series b = bs::log(bs::euler(tab, bea1::kPrinted, {bs::Rational(1)}));
  // The controls: f4's H^3 g coefficient halved (-1/8 for -1/4); where T != 0, its T[g, H g] one doubled.
  const int leaf = tab.intern(0, {}), t_gHg = tab.intern(0, {leaf, tab.intern(0, {leaf})}), t_hhhg = bea1::tall(tab, 4);
  std::vector<bs::Series> wrong(2, b);
  wrong[0][t_hhhg] /= 2;
  wrong[1][t_gHg] *= 2;
  const bool has_T = !is_quadratic_model(spec.model);
  const bs::ElementaryDifferentials<S> F(bs::gradient_fields<S>(st.model(), {st.all}), bea1::kPrinted - 1);
  Case c = st.start("one GD step vs the flows of the B-series truncations");
  c.add_series("GD vs flow of the series through h^2 (f1..f3, IGR-3)", Role::context, 4);
  c.add_series("GD vs flow of the series through h^3 (f1..f4)", Role::claim, 5);
  c.add_series("GD vs flow of the series through h^4 (f1..f5)", Role::claim, 6);
  c.add_series("f4 with -(1/8) H^3 g (wrong coefficient)", Role::control, 5);
  if (has_T) c.add_series("f4 with -(1/6) T[g, H g] (wrong coefficient)", Role::control, 5);
  const Vec<S>& th0 = st.theta0();
  S h = ladder_start<S>(st.pr, st.H0);
  for (int k = 0; k < levels; ++k, h /= 2) {
    c.add_h(h);
    const Vec<S> gd = th0 - h * st.g0;
    const std::pair<const bs::Series*, int> targets[] = {{&b, 3}, {&b, 4}, {&b, 5}, {&wrong[0], 4}, {&wrong[1], 4}};
    for (std::size_t i = 0; i < c.series.size(); ++i) {
      const TaylorFlow<S> flow = st.flow(bs::series_field<S>(F, field_terms<S>(*targets[i].first, targets[i].second, h)));
      if (k == 0 && i == 0) c.solver = "Taylor series, order " + std::to_string(flow.order());
      c.add_error(i, S((gd - flow.integrate(th0, h)).norm()));
    }
  }
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S) template Case bea_gd_ladder_case<S>(const RunContext&, const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace bea1 {

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "BEA-1";
  c.title = "GD's exact modified field by B-series through h^4";
  c.paper = "Hairer, Lubich & Wanner, Geometric Numerical Integration, Ch. III and IX.9; Chartier, Hairer & Vilmart, "
            "Found. Comput. Math. 10 (2010); checks IGR-1/IGR-3 (Barrett & Dherin 2021)";
  c.statement = "The modified field of explicit Euler on f = -g, the logarithm of its B-series in exact rationals, is "
                "f~ = f + h f2 + h^2 f3 + h^3 f4 + h^4 f5 with f2 = -(1/2) H g and f3 = -(1/12) T[g,g] - (1/3) H^2 g "
                "exactly as IGR-1/IGR-3 state, and f4 = -(1/12) T[g, H g] - (1/12) H T[g, g] - (1/4) H^3 g; the "
                "truncations through h^3 and h^4 give one-step local orders 5 and 6 on every smooth model.";
  c.verdict_rule = fmt::format(
      "Exact statements: rational equality with the suite's IGR constants and the textbook families (bushy: Bernoulli "
      "numbers; tall: (-1)^(k-1)/k) through 8 nodes. Ladder ({} levels, mp50): fitted local orders within +-{} of 5 and 6 "
      "on every smooth model.",
      kBeaLevels, kOrderTolerance);
  c.negative_control = "f3 with -(1/6) T[g, g] is refuted exactly; f4 with -(1/8) H^3 g (for -1/4), and where T != 0 with "
                       "-(1/6) T[g, H g] (for -1/12), must lower the local order from 5 to 4.";
  c.precision = "mp50";
  c.levels = kBeaLevels;
  c.not_applicable = requires_smooth;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    using S = typename decltype(tag)::type;
    return bea_gd_ladder_case<S>(ctx, s, ctx.levels);
  });
  c.extra_cases = [](const RunContext& ctx) { return std::vector<Case>{bea_gd_exact_case(ctx)}; };
  return c;
}());

}  // namespace bea1

}  // namespace irverify
