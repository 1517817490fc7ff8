// theory/losses/reshuffling_field.hpp, for every model kind in every scalar: the taped F2 (inclusion-exclusion, the
// cancelled A A a and T_A[a,a] terms, T_j[g_j,a] by polarization) equals CLAIMS.md's F2 written literally, from the
// model's Hessians and third derivatives with the sums over distinct indices done term by term; F0 + eps F1 is Smith
// et al.'s field (sgd_modified_field); at m = 1 F2 is GD's f3 (IGR-3), and so is the gd_f3 control.
#include "theory/losses/modified_field.hpp"
#include "theory/losses/reshuffling_field.hpp"
#include "theory/losses/sgd_modified_loss.hpp"

#include "checks/unit/scalar_types.hpp"
#include "checks/unit/theory/models/model_checks.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {

// CLAIMS.md "RR": F2 = (1/m)[E3 - (m/4)(Gbar S + sum_k (T_k[gbar,g_k] + G_k G_k gbar)) + (m^3/6)(Gbar Gbar gbar + Tbar[gbar,gbar])].
template <class S> Vec<S> literal_f2(const Model<S>& md, const Partition& p, const Vec<S>& x, bool with_T) {
  const int m = static_cast<int>(p.size()), d = md.dim();
  std::vector<Vec<S>> g;
  std::vector<Mat<S>> G;
  for (const auto& b : p) {
    g.push_back(md.gradient(x, b));
    G.push_back(md.hessian(x, b));
  }
  auto T = [&](int j, const Vec<S>& u, const Vec<S>& v) { return with_T ? md.third(x, u, v, p[j]) : Vec<S>(Vec<S>::Zero(d)); };
  Vec<S> gbar = Vec<S>::Zero(d), Sv = Vec<S>::Zero(d), E3 = Vec<S>::Zero(d), mid = Vec<S>::Zero(d), Tbar = Vec<S>::Zero(d);
  Mat<S> Gbar = Mat<S>::Zero(d, d);
  for (int k = 0; k < m; ++k) {
    gbar += g[k] / S(m);
    Gbar += G[k] / S(m);
    Sv += G[k] * g[k];
  }
  for (int j = 0; j < m; ++j)
    for (int k = 0; k < m; ++k) {
      if (k == j) continue;
      E3 -= T(j, g[k], g[k]) / 4;
      for (int l = 0; l < m; ++l)
        if (l != j && l != k) E3 -= (G[j] * (G[k] * g[l]) + T(j, g[k], g[l])) / 6;
    }
  for (int k = 0; k < m; ++k) {
    mid += T(k, gbar, g[k]) + G[k] * (G[k] * gbar);
    Tbar += T(k, gbar, gbar) / S(m);
  }
  mid += Gbar * Sv;
  const S M(m);
  return (E3 - (M / 4) * mid + (M * M * M / 6) * (Gbar * (Gbar * gbar) + Tbar)) / M;
}

template <class S> Vec<S> taped_f2(const Model<S>& md, const Partition& p, const Vec<S>& x, ReshufflingF2 f2) {
  return Vec<S>(evaluate(reshuffling_field<S>(md, p, S(1), f2), x) - evaluate(reshuffling_field<S>(md, p, S(1), ReshufflingF2::none), x));
}

}  // namespace

template <class S> class ReshufflingFieldInEveryScalar : public ::testing::Test {};
TYPED_TEST_SUITE(ReshufflingFieldInEveryScalar, ScalarTypes);

TYPED_TEST(ReshufflingFieldInEveryScalar, TapedFieldMatchesTheLiteralFormula) {
  using S = TypeParam;
  for (const std::string& kind : model_kinds()) {
    const ModelAt<S> c = model_at<S>(kind);
    const Model<S>& md = *c.p.model;
    const Vec<S> x = c.p.theta0;
    const int d = md.dim(), N = md.num_examples();
    Partition p;  // singletons of (at most) the first 6 examples: m up to 6, the literal triple sums m^3 terms
    for (int i = 0; i < std::min(N, 6); ++i) p.push_back({i});
    const int m = static_cast<int>(p.size());
    const S tol = tol::ulps<S>(64 * d * m * m * m);
    const Vec<S> lit = literal_f2(md, p, x, true), lit_noT = literal_f2(md, p, x, false);
    const S scale = std::max(S(1), S(lit.norm()));
    EXPECT_LE(S((taped_f2(md, p, x, ReshufflingF2::derived) - lit).norm()) / scale, tol) << kind << ": F2";
    EXPECT_LE(S((taped_f2(md, p, x, ReshufflingF2::without_T) - lit_noT).norm()) / scale, tol) << kind << ": F2 without T";
    // F0 + eps F1 is Smith et al.'s -(gbar + (eps/2m) sum_k G_k g_k).
    const S eps = S(1) / 8;
    const Vec<S> f1 = evaluate(sgd_modified_field<S>(md, p, eps, S(1) / 4), x);
    EXPECT_LE(S((evaluate(reshuffling_field<S>(md, p, eps, ReshufflingF2::none), x) - f1).norm()) / std::max(S(1), S(f1.norm())),
              tol::ulps<S>(64 * d * m))
        << kind << ": F0 + eps F1";
    // m = 1: F2 and the gd_f3 control are both IGR-3's f3 = -(1/3) H^2 g - (1/12) T[g,g].
    const Partition one{md.all_examples()};
    const Vec<S> f3 = field_f3(md, x, one[0]);
    const S scale3 = std::max(S(1), S(f3.norm()));
    EXPECT_LE(S((taped_f2(md, one, x, ReshufflingF2::derived) - f3).norm()) / scale3, tol::ulps<S>(64 * d * d)) << kind << ": m = 1";
    EXPECT_LE(S((taped_f2(md, one, x, ReshufflingF2::gd_f3) - f3).norm()) / scale3, tol::ulps<S>(64 * d * d)) << kind << ": gd_f3";
  }
}
