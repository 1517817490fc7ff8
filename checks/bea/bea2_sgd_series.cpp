// BEA-2 (CLAIMS.md BEA, SGD, RR-3; Smith, Dherin, Barrett & De, ICLR 2021). Colour k is the field f_k = -g_k of batch
// k. One epoch in the order 0, 1, ..., m-1 is the composition of m Euler steps a_k (a(•_k) = 1); the mean over orders
// relabels colours: abar(t) = (1/(m)_c) sum over injective maps of the c colours of t into 0..m-1 of a_id(relabelled
// t), each order being a relabelling. The field b = log(abar) runs for time m eps per epoch: the modified field is
// b/m, i.e. on the trees of 2 and 3 nodes
//   F1: (b([•_j]_i)/m) f_i'f_j = (b/m) G_i g_j,
//   F2: (b/m) f_i'f_j'f_l = -(b/m) G_i G_j g_l (chains i <- j <- l),  (b/(sigma m)) f_i''(f_j, f_l) = -(b/(2m)) T_i[g_j, g_l]
// summed over ordered leaf pairs (the cherries; sigma = 2 if j = l).
#include "checks/bea/bea2_sgd_series.hpp"

#include "checks/bea/bea_series.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/sgd_setup.hpp"
#include "checks/framework/toy_problems.hpp"
#include "theory/bseries/forest.hpp"
#include "theory/losses/reshuffling_field.hpp"

#include <functional>

namespace irverify {

namespace bea2 {

using bs::Rational;

constexpr int kFitUpTo = 8, kCheckUpTo = 10, kReplacementLadderUpTo = 4;  // the ladder enumerates m^m <= 256 draws

// The mean epoch's series over m colours through 3 nodes (the method; its field is log of it).
bs::Series mean_epoch(bs::TreeTable& tab, int m) {
  const int N = 3;
  bs::Series a(tab, N);
  for (int k = 0; k < m; ++k) {
    std::vector<Rational> w(m, Rational(0));
    w[k] = 1;
    a = k == 0 ? bs::euler(tab, N, w) : bs::compose(a, bs::euler(tab, N, w));
  }
  bs::Series mean(tab, N);
  for (int t : mean.trees()) {
    const bs::ConcreteTree ct = tab.concrete(t);
    std::vector<int> colours = ct.colour;
    std::sort(colours.begin(), colours.end());
    colours.erase(std::unique(colours.begin(), colours.end()), colours.end());
    const int c = static_cast<int>(colours.size());
    std::vector<int> image(c);
    std::vector<char> used(m, 0);
    Rational sum = 0;
    long maps = 0;
    std::function<void(int)> map = [&](int i) {
      if (i == c) {
        bs::ConcreteTree r = ct;
        for (int& col : r.colour) col = image[std::lower_bound(colours.begin(), colours.end(), col) - colours.begin()];
        sum += a[tab.id_of(r, std::vector<char>(r.size(), 1), 0)];
        ++maps;
        return;
      }
      for (int k = 0; k < m; ++k)
        if (!used[k]) {
          used[k] = 1;
          image[i] = k;
          map(i + 1);
          used[k] = 0;
        }
    };
    map(0);
    mean[t] = sum / maps;
  }
  return mean;
}
bs::Series mean_epoch_field(bs::TreeTable& tab, int m) { return bs::log(mean_epoch(tab, m)); }

// The mean epoch with batches drawn with replacement: m steps, each Euler on f_c with c uniform, independent. Its
// series is the m-fold convolution of the expected step ebar (theory/bseries/forest.hpp): ebar(empty) = 1,
// ebar(F) = 1/m if F is a forest of single nodes of one colour (E_c prod [colour = c]), else 0.
bs::Series with_replacement_field(bs::TreeTable& tab, int m) {
  bs::ForestMap e(tab, 3);
  for (const bs::Forest& f : e.forests()) {
    bool one = true;
    for (int t : f) one = one && tab.order(t) == 1 && tab.colour(t) == tab.colour(f[0]);
    e[f] = f.empty() ? Rational(1) : one ? Rational(1, m) : Rational(0);
  }
  bs::ForestMap acc = e;
  for (int k = 1; k < m; ++k) acc = bs::convolve(acc, e);
  return bs::log(bs::on_trees(acc));
}

// The coefficient tensors of a field's eps^2 term: C(i,j,l) on G_i G_j g_l, K(i,j,l) = K(i,l,j) on T_i[g_j, g_l].
struct Tensors {
  int m;
  std::vector<Rational> C, K;
  explicit Tensors(int n) : m(n), C(n * n * n), K(n * n * n) {}
  Rational& c(int i, int j, int l) { return C[(i * m + j) * m + l]; }
  Rational& k(int i, int j, int l) { return K[(i * m + j) * m + l]; }
  const Rational& c(int i, int j, int l) const { return C[(i * m + j) * m + l]; }
  const Rational& k(int i, int j, int l) const { return K[(i * m + j) * m + l]; }
};


// A series' coefficients on the trees of 3 nodes as tensors, times `scale`: chains f_i'f_j'f_l = -G_i G_j g_l give
// C = -scale x(chain); cherries, summed over ordered leaf pairs ((1/sigma) f_i''(f_j, f_l) = -(1/sigma) T_i[g_j, g_l],
// sigma = 2 if j = l), give K = -scale x(cherry)/2. The mean displacement's eps^3 term is scale 1 on the method's
// series, the field's eps^2 term F2 scale 1/m on its logarithm (time m eps per epoch).
Tensors three_node_tensors(bs::TreeTable& tab, const bs::Series& x, int m, const Rational& scale) {
  Tensors t(m);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < m; ++j)
      for (int l = 0; l < m; ++l) {
        t.c(i, j, l) = -scale * x[tab.intern(i, {tab.intern(j, {tab.intern(l, {})})})];
        t.k(i, j, l) = -scale * x[tab.intern(i, {tab.intern(j, {}), tab.intern(l, {})})] / 2;
      }
  return t;
}

// RR-3's E3 as CLAIMS.md writes it: -(1/6) sum_distinct G_j G_k g_l - (1/4) sum_{j != k} T_j[g_k, g_k]
// - (1/6) sum_distinct T_j[g_k, g_l].
Tensors rr3_e3(int m) {
  Tensors t(m);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < m; ++j)
      for (int l = 0; l < m; ++l) {
        const int distinct = i != j && j != l && i != l;
        t.c(i, j, l) = Rational(-distinct, 6);
        t.k(i, j, l) = Rational(-(i != j && j == l), 4) - Rational(distinct, 6);
      }
  return t;
}

// RR-3's F2 as CLAIMS.md writes it, term by term on the tensors (bars are means over batches; T terms symmetrised in
// the two slots). with_T = false drops every T term (the negative control).
Tensors rr3_f2(int m, bool with_T) {
  Tensors t(m);
  const Rational M(m);
  auto d = [](int a, int b) { return a == b ? 1 : 0; };
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < m; ++j)
      for (int l = 0; l < m; ++l) {
        const int distinct = i != j && j != l && i != l;
        // E3: -(1/6) sum_distinct G_i G_j g_l;  -(m/4) Gbar S = -(1/4) sum_{i,k} G_i G_k g_k;
        // -(m/4) sum_k G_k G_k gbar = -(1/4) sum_{k,l} G_k G_k g_l;  (m^3/6) Gbar Gbar gbar = (1/6) sum G_i G_j g_l.
        Rational c = Rational(-distinct, 6) - Rational(d(j, l), 4) - Rational(d(i, j), 4) + Rational(1, 6);
        // E3: -(1/4) sum_{i != j} T_i[g_j, g_j] - (1/6) sum_distinct T_i[g_j, g_l];
        // -(m/4) sum_k T_k[gbar, g_k] = -(1/4) sum_{k,l} T_k[g_l, g_k] (symmetrised: ([j = i] + [l = i])/2);
        // (m^3/6) Tbar[gbar, gbar] = (1/6) sum T_i[g_j, g_l].
        Rational k = Rational(-(i != j && j == l), 4) - Rational(distinct, 6) - Rational(d(j, i) + d(l, i), 8) + Rational(1, 6);
        t.c(i, j, l) = c / M;
        t.k(i, j, l) = with_T ? Rational(k / M) : Rational(0);
      }
  return t;
}

// Derived here from the series (and checked by it): with replacement, F2 = GD's f3 of the full loss,
// -(1/3) Gbar Gbar gbar - (1/12) Tbar[gbar, gbar], plus -((m-1)/(4m)) sum_j Tbar[g_j - gbar, g_j - gbar]; on the tensors
// C = -1/(3 m^3), K = -1/(12 m^3) - ((m-1)/(4 m^2)) ([j = l] - 1/m). noise = false drops the last term (the control).
Tensors with_replacement_f2(int m, bool noise) {
  Tensors t(m);
  const Rational M(m);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < m; ++j)
      for (int l = 0; l < m; ++l) {
        t.c(i, j, l) = Rational(-1, 3) / (M * M * M);
        t.k(i, j, l) = Rational(-1, 12) / (M * M * M) - (noise ? Rational((M - 1) / (4 * M * M) * (Rational(j == l ? 1 : 0) - 1 / M)) : Rational(0));
      }
  return t;
}

// The pattern classes of (i, j, l) and one representative each.
struct Pattern {
  const char* name;
  int i, j, l, colours;
};
const std::vector<Pattern> kChain = {{"i = j = l", 0, 0, 0, 1}, {"i = j != l", 0, 0, 1, 2}, {"j = l != i", 0, 1, 1, 2},
                                     {"i = l != j", 0, 1, 0, 2}, {"i, j, l distinct", 0, 1, 2, 3}};
const std::vector<Pattern> kCherry = {{"i = j = l", 0, 0, 0, 1}, {"i = j != l", 0, 0, 1, 2}, {"j = l != i", 0, 1, 1, 2},
                                      {"i, j, l distinct", 0, 1, 2, 3}};

// The exact polynomial through (x_k, y_k) (Lagrange), as coefficients c_0.. (degree < number of points), and its value.
std::vector<Rational> interpolate(const std::vector<Rational>& x, const std::vector<Rational>& y) {
  const std::size_t n = x.size();
  std::vector<Rational> coef(n, Rational(0));
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Rational> basis{Rational(1)};
    Rational den = 1;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      std::vector<Rational> next(basis.size() + 1, Rational(0));
      for (std::size_t k = 0; k < basis.size(); ++k) {
        next[k + 1] += basis[k];
        next[k] -= basis[k] * x[j];
      }
      basis = next;
      den *= x[i] - x[j];
    }
    for (std::size_t k = 0; k < basis.size(); ++k) coef[k] += y[i] * basis[k] / den;
  }
  while (coef.size() > 1 && coef.back() == 0) coef.pop_back();
  return coef;
}
Rational value(const std::vector<Rational>& p, const Rational& x) {
  Rational v = 0;
  for (auto it = p.rbegin(); it != p.rend(); ++it) v = v * x + *it;
  return v;
}
std::string poly_text(const std::vector<Rational>& p) {
  std::string s;
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (p[k] == 0 && p.size() > 1) continue;
    const Rational mag = p[k] < 0 ? Rational(-p[k]) : p[k];
    s += (s.empty() ? (p[k] < 0 ? "-" : "") : (p[k] < 0 ? " - " : " + ")) + rational_text(mag) +
         (k == 0 ? "" : k == 1 ? " m" : " m^" + std::to_string(k));
  }
  return s;
}

}  // namespace bea2

namespace bea2 {

// What the exact case measures for m = 1..10: each statement's conjunction over m and the index tuples, and each
// pattern's m^3 F2 coefficient as a polynomial in m (fitted on m <= 8, checked at 9, 10) for both samplings.
struct Exact {
  bool f1 = true, f1_wrong = true, f2 = true, f2_noT = true, sgd3 = true, e3 = true;
  bool wr_f1 = true, wr_smith = true, wr_f2 = true, wr_plain = true, predicted = true;
  std::vector<std::vector<std::string>> fits;  // term, pattern, shuffled, with replacement, checked
  CaseTable timing{"Trees and time by number of batches m (trees of 1..3 nodes coloured by m batches; both samplings)",
                   {"m", "trees", "seconds"}, {}};
};

const Pattern& pattern(std::size_t p) { return p < kChain.size() ? kChain[p] : kCherry[p - kChain.size()]; }

Exact measure_exact() {
  Exact x;
  const std::size_t patterns = kChain.size() + kCherry.size();
  // [sampling][pattern] -> (m, m^3 coefficient); a pattern needs as many batches as it has distinct indices.
  std::vector<std::vector<std::vector<std::pair<Rational, Rational>>>> y(2, std::vector<std::vector<std::pair<Rational, Rational>>>(patterns));
  auto collect = [&](int sampling, const Tensors& s, int m) {
    for (std::size_t p = 0; p < patterns; ++p) {
      const Pattern& q = pattern(p);
      if (m >= q.colours) y[sampling][p].emplace_back(Rational(m), Rational(m) * m * m * (p < kChain.size() ? s.c(q.i, q.j, q.l) : s.k(q.i, q.j, q.l)));
    }
  };
  for (int m = 1; m <= kCheckUpTo; ++m) {
    const auto tm = std::chrono::steady_clock::now();
    bs::TreeTable tab(m);
    const bs::Series abar = mean_epoch(tab, m), b = bs::log(abar), w = with_replacement_field(tab, m);
    x.timing.rows.push_back({std::to_string(m), std::to_string(b.trees().size()),
                             fmt::format("{:.3f}", std::chrono::duration<double>(std::chrono::steady_clock::now() - tm).count())});
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < m; ++j) {
        // F1 = -(1/(2m)) sum_k G_k g_k: coefficient of G_i g_j is -(1/(2m)) [i = j]; the control eps/(2m) doubles it.
        const int t = tab.intern(i, {tab.intern(j, {})});
        const Rational got = b[t] / m, wgot = w[t] / m;
        x.f1 = x.f1 && got == (i == j ? Rational(-1, 2 * m) : Rational(0));
        x.f1_wrong = x.f1_wrong && got == (i == j ? Rational(-1, m) : Rational(0));
        x.wr_f1 = x.wr_f1 && wgot == Rational(-1, 2 * m * m);
        if (m > 1) x.wr_smith = x.wr_smith && wgot == (i == j ? Rational(-1, 2 * m) : Rational(0));
        // The mean displacement's eps^2 term (SGD-3): G_i g_j carries the probability that j comes before i.
        x.sgd3 = x.sgd3 && abar[t] == (i == j ? Rational(0) : Rational(1, 2));
      }
    const Tensors e3 = three_node_tensors(tab, abar, m, Rational(1)), want_e3 = rr3_e3(m);
    x.e3 = x.e3 && e3.C == want_e3.C && e3.K == want_e3.K;
    const Tensors s = three_node_tensors(tab, b, m, Rational(1, m)), rr = rr3_f2(m, true), noT = rr3_f2(m, false);
    x.f2 = x.f2 && s.C == rr.C && s.K == rr.K;
    x.f2_noT = x.f2_noT && s.C == noT.C && s.K == noT.K;
    const Tensors ws = three_node_tensors(tab, w, m, Rational(1, m)), want = with_replacement_f2(m, true), plain = with_replacement_f2(m, false);
    x.wr_f2 = x.wr_f2 && ws.C == want.C && ws.K == want.K;
    if (m > 1) x.wr_plain = x.wr_plain && ws.C == plain.C && ws.K == plain.K;
    collect(0, s, m);
    collect(1, ws, m);
  }
  auto fit = [&](const std::vector<std::pair<Rational, Rational>>& pts, bool& ok) {
    std::vector<Rational> fx, fy;
    for (const auto& [m, v] : pts)
      if (m <= kFitUpTo) fx.push_back(m), fy.push_back(v);
    const std::vector<Rational> poly = interpolate(fx, fy);
    for (const auto& [m, v] : pts) ok = ok && value(poly, m) == v;
    return poly_text(poly);
  };
  for (std::size_t p = 0; p < patterns; ++p) {
    bool ok = true;
    const std::string shuffled = fit(y[0][p], ok), drawn = fit(y[1][p], ok);
    x.predicted = x.predicted && ok;
    x.fits.push_back({p < kChain.size() ? "G_i G_j g_l" : "T_i[g_j, g_l]", pattern(p).name, shuffled, drawn, ok ? "equal" : "differs"});
  }
  return x;
}

void judge_exact(const Exact& x, Case& c) {
  c.state("F1 = -(1/(4m)) grad sum_k |g_k|^2 = -(1/(2m)) sum_k G_k g_k (Smith et al.), every (i, j), m = 1..10", kHolds,
          outcome_of(x.f1), "exact: G_i g_j carries -1/(2m) if i = j, 0 otherwise");
  c.state("F1 with eps/(2m) in place of eps/(4m) (negative control)", kRefuted, outcome_of(x.f1_wrong), "exact");
  c.state("SGD-3: the mean iterate's eps^2 term is (1/4)(m^2 grad |gbar|^2 - sum_k grad |g_k|^2), every (i, j), m = 1..10", kHolds,
          outcome_of(x.sgd3), "exact: G_i g_j carries 1/2 if i != j (the probability that j comes first), 0 if i = j");
  c.state("RR-3: the mean displacement's eps^3 term is E3 (CLAIMS.md), every (i, j, l), m = 1..10", kHolds, outcome_of(x.e3),
          "exact: chains carry -1/6 on distinct indices, cherries -1/4 (j = l != i) and -1/6 (distinct)");
  c.state("F2 = RR-3's (CLAIMS.md, term by term), every (i, j, l), m = 1..10", kHolds, outcome_of(x.f2),
          "exact: the tensors on G_i G_j g_l and T_i[g_j, g_l] agree entry by entry");
  c.state("F2 without its T terms (negative control)", kRefuted, outcome_of(x.f2_noT), "exact");
  c.state("with replacement (m = 1..10): F1 = -(1/2) Gbar gbar = -(1/4) grad |gbar|^2, GD's, on every (i, j)", kHolds,
          outcome_of(x.wr_f1), "exact: G_i g_j carries -1/(2 m^2) for every i, j");
  c.state("with replacement (m = 2..10): F1 is Smith et al.'s -(1/(4m)) grad sum_k |g_k|^2", kRefuted, outcome_of(x.wr_smith), "exact");
  c.state("with replacement (m = 1..10): F2 = GD's f3 of the full loss - ((m-1)/(4m)) sum_j Tbar[g_j - gbar, g_j - gbar] (derived here)",
          kHolds, outcome_of(x.wr_f2), "exact: the tensors agree entry by entry");
  c.state("with replacement (m = 2..10): F2 is GD's f3 of the full loss (the noise term dropped; negative control)", kRefuted,
          outcome_of(x.wr_plain), "exact");
  c.state("m^3 F2's coefficient on each index pattern is a polynomial in m, fitted exactly on m <= 8, that predicts m = 9, 10 "
          "(shuffled: c m^2, m F2 independent of m; with replacement: degree 2 on the T terms)",
          kHolds, outcome_of(x.predicted), "exact");
}

void present_exact(const Exact& x, Case& c) {
  c.tables.push_back({"m^3 times F2's coefficient by index pattern: exact polynomials in m fitted on m <= 8, checked at m = 9, 10",
                      {"term", "pattern", "shuffled", "with replacement", "checked at m = 9, 10"}, x.fits});
  c.tables.push_back({"The mean epoch field through eps (any m)",
                      {"term", "field"},
                      {{"F0", "(1/m) sum_k f_k = -gbar"},
                       {"F1", "-(1/(2m)) sum_k f_k'f_k = -(1/(2m)) sum_k G_k g_k = -(1/(4m)) grad sum_k |g_k|^2"},
                       {"F1, with replacement", "-(1/(2m^2)) sum_{j,k} G_j g_k = -(1/2) Gbar gbar (GD's)"},
                       {"F2, with replacement", "-(1/3) Gbar Gbar gbar - (1/12) Tbar[gbar, gbar] - ((m-1)/(4m)) sum_j Tbar[g_j - gbar, g_j - gbar]"}}});
  c.tables.push_back(x.timing);
}

}  // namespace bea2

Case bea_sgd_exact_case(const RunContext& ctx) {
  const auto t0 = std::chrono::steady_clock::now();
  Case c = exact_case(ctx, "shuffled SGD (any batch losses)", "built-in: rooted trees coloured by batch",
                      "exact B-series of the mean epoch over all orders, m = 1..10 (rational arithmetic)");
  const bea2::Exact x = bea2::measure_exact();
  bea2::judge_exact(x, c);
  bea2::present_exact(x, c);
  c.solver = "coloured B-series in exact rationals";
  return finish_case(std::move(c), 0, t0);
}

// The B-series field (colours = the problem's batches) against RR-3's tape at theta0, eps = eps0 of SGD-1's ladder:
// both are F0 + eps F1 + eps^2 F2, recorded differently (elementary differentials by nested forward mode vs the
// inclusion-exclusion form), so they agree to rounding: 256 d m^2 eps max(1, |F|) (m^2 + 3m passes of d-term sums).
// Then RR-3's ladder with the series: the exact mean over the m! orders against the flows, for time m eps, of the
// series through eps (Smith's, order 3) and through eps^2 (order 4), and of the series with its T trees (cherries)
// dropped from F2 (control, where T != 0).
template <class S> Case bea_sgd_ladder_case(const RunContext& ctx, const ProblemSpec& spec, int levels) {
  const SgdSetup<S> st(ctx, spec);
  const int m = st.batches();
  const Vec<S>& th0 = st.theta0();
  bs::TreeTable tab(m);
  const bs::Series b = bea2::mean_epoch_field(tab, m);
  bs::Series noT = b;
  for (int t : noT.trees())
    if (tab.order(t) == 3 && tab.children(t).size() == 2) noT[t] = 0;
  const bs::ElementaryDifferentials<S> F(bs::gradient_fields<S>(st.model(), st.part), 2);
  auto field = [&](const bs::Series& series, int order, const S& eps) {
    std::vector<std::pair<S, bs::ConcreteTree>> terms = field_terms<S>(series, order, eps);
    for (auto& t : terms) t.first /= S(m);  // time m eps per epoch
    return bs::series_field<S>(F, terms);
  };
  Case c = st.start("the B-series field against RR-3's tape, and through RR-3's ladder");
  const Vec<S> x = evaluate(field(b, 3, st.eps0), th0);
  const Vec<S> y = evaluate(reshuffling_field<S>(st.model(), st.part, st.eps0, ReshufflingF2::derived), th0);
  const S tol = S(256 * st.model().dim() * m * m) * eps<S>() * std::max(S(1), S(y.norm()));
  const S d = (x - y).norm();
  c.state("the B-series field F0 + eps F1 + eps^2 F2 equals RR-3's taped field at theta0 (to rounding)", kHolds, outcome_of(d <= tol),
          fmt::format("|difference| {:.3e}, tolerance {:.3e} (eps = {})", to_double(d), to_double(tol), to_string_full(st.eps0)));
  const bool has_T = !is_quadratic_model(spec.model);
  c.variable = "eps";
  c.add_series("E[theta_m] vs flow of the series through eps (Smith et al.)", Role::claim, 3);
  c.add_series("E[theta_m] vs flow of the series through eps^2", Role::claim, 4);
  if (has_T) c.add_series("the series through eps^2 without its T trees (wrong)", Role::control, 4);
  // With replacement, for m <= 4: the exact mean over the m^m draws against the flows of its own series and of the
  // shuffled one (control).
  const bool draws = m <= bea2::kReplacementLadderUpTo;
  bs::TreeTable tab_wr(m);
  const bs::Series wr = draws ? bea2::with_replacement_field(tab_wr, m) : bs::Series(tab_wr, 1);
  std::vector<std::pair<const bs::Series*, int>> targets = {{&b, 2}, {&b, 3}};
  if (has_T) targets.push_back({&noT, 3});
  const std::size_t shuffled = targets.size();
  if (draws) {
    c.add_series("with replacement: E over the m^m draws vs flow of its series through eps^2", Role::claim, 4);
    c.add_series("with replacement vs flow of the shuffled series through eps^2 (wrong sampling)", Role::control, 4);
  }
  S e = st.eps0;
  for (int k = 0; k < levels; ++k, e /= 2) {
    c.add_h(e);
    const EpochMean<S> mean = exact_epoch_mean(st.model(), st.part, th0, e, ctx.deadline);
    for (std::size_t i = 0; i < shuffled; ++i)
      c.add_error(i, S((mean.mean - st.flow(field(*targets[i].first, targets[i].second, e)).integrate(th0, S(m) * e)).norm()));
    if (!draws) continue;
    const Vec<S> r = first_order_mean(st.model(), st.part, th0, e);
    Vec<S> dev = Vec<S>::Zero(th0.size());
    std::vector<int> seq(m, 0);
    long count = 0;
    for (bool more = true; more; ++count) {
      if (count % 256 == 0) ctx.deadline.check();
      dev += sgd_epoch(st.model(), st.part, seq, th0, e) - r;
      int p = 0;
      while (p < m && ++seq[p] == m) seq[p++] = 0;
      more = p < m;
    }
    const Vec<S> mean_wr = r + dev / S(count);
    c.add_error(shuffled, S((mean_wr - st.flow(field(wr, 3, e)).integrate(th0, S(m) * e)).norm()));
    c.add_error(shuffled + 1, S((mean_wr - st.flow(field(b, 3, e)).integrate(th0, S(m) * e)).norm()));
  }
  c.solver = "elementary differentials by nested forward mode; exact enumeration of orders; flows: Taylor series";
  return st.finish(std::move(c), flow_floor<S>(th0));
}

#define IRVERIFY_INST(S) template Case bea_sgd_ladder_case<S>(const RunContext&, const ProblemSpec&, int);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace bea2 {

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "BEA-2";
  c.title = "Shuffled SGD's mean epoch field by coloured B-series: Smith's F1 and RR-3's F2 exactly";
  c.paper = "Chartier, Hairer & Vilmart, Found. Comput. Math. 10 (2010); Hairer, Lubich & Wanner, GNI III.1, IX.9; checks "
            "Smith, Dherin, Barrett & De (ICLR 2021) and RR-3 (CLAIMS.md)";
  c.statement = "The composition of m Euler steps over trees coloured by batch, averaged exactly over the m! orders, has the "
                "modified field F0 + eps F1 + eps^2 F2 (time m eps per epoch) with F1 = -(1/(4m)) grad sum_k |g_k|^2 and F2 "
                "equal to RR-3's entry by entry for m = 1..10; the coefficients of m F2 on each index pattern are "
                "polynomials in m; on models the series field equals RR-3's taped field to rounding, and its truncations "
                "through eps and eps^2 give the exact mean's local orders 3 and 4 (RR-3's ladder).";
  c.verdict_rule = fmt::format("Exact rational equality (every index triple, m = 1..10; polynomials fitted on m <= 8 checked at "
                               "9, 10); on each problem |series field - RR-3 tape| <= 256 d m^2 eps max(1, |F|) at theta0, and "
                               "RR-3's ladder ({} levels, mp50) with the series: orders within +-{} of 3 and 4.", kBeaSgdLevels, kOrderTolerance);
  c.negative_control = "F1 with eps/(2m), and F2 without its T terms, must differ exactly; on models with T != 0 the series "
                       "without its T trees must lower the ladder's order from 4 to 3.";
  c.precision = "mp50";
  c.levels = kBeaSgdLevels;
  c.not_applicable = sgd_not_applicable;
  c.problems = epoch_field_problems;
  c.cases = in_precision([](auto tag, const RunContext& ctx, const ProblemSpec& s) {
    return bea_sgd_ladder_case<typename decltype(tag)::type>(ctx, s, ctx.levels);
  });
  c.extra_cases = [](const RunContext& ctx) { return std::vector<Case>{bea_sgd_exact_case(ctx)}; };
  return c;
}());

}  // namespace bea2

}  // namespace irverify
