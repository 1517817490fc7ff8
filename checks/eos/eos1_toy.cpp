// EOS-1 (CLAIMS.md EOS; Cohen, Damian, Talwalkar, Kolter & Lee, ICLR 2025): theta = (x, y, z),
// L = (1/2) s x^2 + l, s = S0 + y + c z^2, l = -a y + (1/2) k (z - z*)^2. At x = 0 the sharpness is s (k < s), u = e_x,
// grad S = (0, 1, 2 c z). GD's period-2 orbit x -> -x with s = 2/eta, x^2 = 2a, c z x^2 + k (z - z*) = 0 is the central
// flow's fixed point z = k z* / (k + 2 a c), sigma^2 = 2a, and its time-averaged loss is L(w) + sigma^2/eta.
#include "checks/eos/eos1_toy.hpp"
#include "checks/framework/claim.hpp"

#include "checks/eos/eos_figure.hpp"
#include "checks/framework/ladder_setup.hpp"
#include "solvers/eos/central_flow.hpp"

#include <chrono>
#include <cmath>

namespace irverify {

namespace eos1 {

inline constexpr long kTrackFrom = 1500;    // tracking judged on [kTrackFrom, steps]
inline constexpr double kTrackRatio = 1e-2;  // max dist(avg GD, central flow) / dist(avg GD, gradient flow)
inline constexpr double kDigits = 10;
inline constexpr int kSub = 20;             // RK4 steps per GD step

template <class S> struct Toy {
  S S0 = S(37) / 2, c = S(1) / 2, a = S(1) / 100, k = S(1) / 2, zs = S(3) / 2, eta = S(1) / 10;
  S s(const Vec<S>& w) const { return S0 + w(1) + c * w(2) * w(2); }
  S loss(const Vec<S>& w) const { return s(w) * w(0) * w(0) / 2 - a * w(1) + k * (w(2) - zs) * (w(2) - zs) / 2; }
  Vec<S> grad(const Vec<S>& w) const {
    Vec<S> g(3);
    g << s(w) * w(0), w(0) * w(0) / 2 - a, c * w(2) * w(0) * w(0) + k * (w(2) - zs);
    return g;
  }
  Vec<S> grad_s(const Vec<S>& w) const {
    Vec<S> g(3);
    g << S(0), S(1), 2 * c * w(2);
    return g;
  }
  Vec<S> start() const {
    Vec<S> w(3);
    w << S(1) / 10, S(0), S(1);
    return w;
  }
  // The central flow's fixed point: x = 0, z = k z*/(k + 2 a c), y from s = 2/eta.
  Vec<S> fixed_point() const {
    Vec<S> w(3);
    w(2) = k * zs / (k + 2 * a * c);
    w(1) = 2 / eta - S0 - c * w(2) * w(2);
    w(0) = S(0);
    return w;
  }
};

template <class S> double digits(const S& got, const S& want) {
  using std::abs;
  const S rel = abs(got - want) / std::max(S(abs(want)), eps<S>());
  return rel == 0 ? INFINITY : -std::log10(to_double(rel));
}

// The case of the built-in toy (no problem file).
inline Case toy_case(const RunContext& ctx) {
  Case c;
  c.context = &ctx;
  c.spec.name = "eos-toy";
  c.spec.model = "eos-toy";
  c.spec.origin = "built-in toy (CLAIMS.md EOS-1)";
  c.label = "GD at eta = 1/10 from (0.1, 0, 1)";
  c.dim = 3;
  c.examples = 1;
  c.extra["toy"] = {{"S0", "37/2"}, {"c", "1/2"}, {"a", "1/100"}, {"k", "1/2"}, {"z_star", "3/2"}, {"eta", "1/10"},
                    {"start", {"0.1", "0", "1"}}};
  return c;
}

}  // namespace eos1

template <class S> Case eos_toy_case(const RunContext& ctx, long steps, long fixed_steps) {
  using namespace eos1;
  const auto t0 = std::chrono::steady_clock::now();
  const Toy<S> toy;
  Case c = toy_case(ctx);
  c.scalar = scalar_name<S>();
  // GD: the first steps + 1 iterates kept for tracking, the run continued to fixed_steps for the orbit's two points.
  std::vector<Vec<S>> gd{toy.start()};
  Vec<S> p = toy.start();
  long gd_onset = -1;
  for (long n = 0; n < std::max(steps, fixed_steps); ++n) {
    if (n % 4096 == 0) ctx.deadline.check();
    p -= toy.eta * toy.grad(p);
    if (gd_onset < 0 && toy.s(p) >= 2 / toy.eta) gd_onset = n + 1;
    if (n < steps) gd.push_back(p);
  }
  if (fixed_steps < steps) p = gd[fixed_steps];
  const Vec<S> q = p - toy.eta * toy.grad(p);
  const Vec<S> fp = toy.fixed_point();
  const S sigma2 = 2 * toy.a;
  const double dz = digits<S>(S((p(2) + q(2)) / 2), fp(2)), dy = digits<S>(S((p(1) + q(1)) / 2), fp(1));
  const double dx2 = digits<S>(S((p(0) * p(0) + q(0) * q(0)) / 2), sigma2);
  const double dl = digits<S>(S((toy.loss(p) + toy.loss(q)) / 2), S(toy.loss(fp) + sigma2 / toy.eta));
  c.state(fmt::format("time-averaged GD's fixed point is the central flow's, z = k z*/(k + 2 a c) and s = 2/eta, to >= {:g} digits",
                      kDigits),
          kHolds, outcome_of(std::min(dz, dy) >= kDigits),
          fmt::format("z: {:.1f} digits, y: {:.1f} digits after {} steps (z = {})", dz, dy, fixed_steps, to_string_full(fp(2))));
  c.state("<x^2> over the orbit is sigma^2 = 2a", kHolds, outcome_of(dx2 >= kDigits), fmt::format("{:.1f} digits", dx2));
  c.state("the time-averaged loss is L(w) + sigma^2/eta at the central flow's point", kHolds, outcome_of(dl >= kDigits),
          fmt::format("{:.1f} digits", dl));
  // Tracking: GD's centered time average (w_{n-1} + 2 w_n + w_{n+1})/4 against the flows at t = n, in (y, z).
  const SharpnessFunctions<S> f{[&](const Vec<S>& w) { return toy.grad(w); }, [&](const Vec<S>& w) { return toy.s(w); },
                                [&](const Vec<S>& w) { return toy.grad_s(w); }};
  const CentralFlowPath<S> cf = central_flow<S>(f, toy.start(), toy.eta, steps, kSub, true, ctx.deadline);
  const CentralFlowPath<S> gf = central_flow<S>(f, toy.start(), toy.eta, steps, kSub, false, ctx.deadline);
  auto avg = [&](long n) { return Vec<S>((gd[n - 1] + 2 * gd[n] + gd[n + 1]).tail(2) / 4); };
  double worst = 0;
  EosFigure fig(true);
  for (long n = 1; n < steps; ++n) {
    const Vec<S> a = avg(n);
    const S d_cf = (a - cf.w[n].tail(2)).norm(), d_gf = (a - gf.w[n].tail(2)).norm();
    if (n >= kTrackFrom) worst = std::max(worst, to_double(S(d_cf / d_gf)));
    if (n % 10 == 0 && n <= 3000) {
      Vec<S> wa(3);
      wa << S(0), a(0), a(1);
      const S lavg = (toy.loss(gd[n - 1]) + 2 * toy.loss(gd[n]) + toy.loss(gd[n + 1])) / 4;
      fig.add(double(n), {to_double(toy.s(gd[n])), to_double(toy.s(wa)), to_double(toy.s(cf.w[n])), to_double(toy.s(gf.w[n]))},
              {std::abs(to_double(toy.loss(gd[n]))), std::abs(to_double(lavg)),
               std::abs(to_double(S(toy.loss(cf.w[n]) + cf.sigma2[n] / toy.eta))), std::abs(to_double(toy.loss(gf.w[n])))});
    }
  }
  c.figures.push_back(fig.done("EOS-1-toy", "EOS-1: sharpness and loss of GD, its time average, the central flow and gradient flow",
                               "Sharpness rises to 2/eta and stays; the central flow follows GD's time average, gradient flow leaves it",
                               double(gd_onset)));
  c.state(fmt::format("after onset the central flow tracks time-averaged GD: dist to it / dist to gradient flow <= {:g} on steps "
                      "{}..{}",
                      kTrackRatio, kTrackFrom, steps - 1),
          kHolds, outcome_of(worst <= kTrackRatio),
          fmt::format("largest ratio {:.3e}; GD reached 2/eta at step {}, the central flow at t = {}", worst, gd_onset, cf.onset));
  // The penalty's 1/2 fixes the oscillation's variance: on S = 2/eta the flow's tangential motion is the same for any
  // coefficient p (grad S is normal there), but p sigma_p^2 = sigma^2 / 2 makes the implied variance sigma^2 / (2p).
  const double dctl = digits<S>(S((p(0) * p(0) + q(0) * q(0)) / 2), S(sigma2 / 2));
  c.state(fmt::format("control: with the penalty sigma^2 grad S (1 in place of 1/2) the implied variance sigma^2/2 = a is <x^2> over "
                      "the orbit (to >= {:g} digits)",
                      kDigits),
          kRefuted, outcome_of(dctl >= kDigits), fmt::format("{:.1f} digits: <x^2> = 2a, not a", dctl));
  c.tables.push_back({"The orbit against the central flow's fixed point",
                      {"quantity", "time-averaged GD", "central flow", "digits"},
                      {{"z", to_string_full(S((p(2) + q(2)) / 2)), to_string_full(fp(2)), fmt::format("{:.1f}", dz)},
                       {"y", to_string_full(S((p(1) + q(1)) / 2)), to_string_full(fp(1)), fmt::format("{:.1f}", dy)},
                       {"<x^2> vs sigma^2", to_string_full(S((p(0) * p(0) + q(0) * q(0)) / 2)), to_string_full(sigma2), fmt::format("{:.1f}", dx2)},
                       {"<L> vs L(w) + sigma^2/eta", to_string_full(S((toy.loss(p) + toy.loss(q)) / 2)),
                        to_string_full(S(toy.loss(fp) + sigma2 / toy.eta)), fmt::format("{:.1f}", dl)}}});
  c.solver = fmt::format("GD in {}; flows: RK4, {} steps per GD step, Newton back onto S = 2/eta", scalar_name<S>(), kSub);
  return finish_case(std::move(c), 0.0, t0);
}

#define IRVERIFY_INST(S) template Case eos_toy_case<S>(const RunContext&, long, long);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

namespace eos1 {  // the claim's registration

const ClaimRegistration kRegistration([] {
  Claim c;
  c.id = "EOS-1";
  c.title = "Edge of stability on a toy: the central flow's fixed point and tracking";
  c.paper = "Cohen, Damian, Talwalkar, Kolter & Lee, Understanding Optimization in Deep Learning with Central Flows, ICLR 2025 "
            "(the authors' site); CLAIMS.md EOS-1";
  c.statement = "On L = (1/2) s(y, z) x^2 + l(y, z), s = S0 + y + c z^2, l = -a y + (1/2) k (z - z*)^2, GD sharpens to 2/eta and "
      "settles on a period-2 orbit; its time average is the central flow's fixed point z = k z*/(k + 2 a c) with <x^2> = "
      "sigma^2 = 2a and time-averaged loss L(w) + sigma^2/eta, and after onset the central flow tracks time-averaged GD "
      "while gradient flow leaves it.";
  c.verdict_rule = fmt::format("S0 = 37/2, c = 1/2, a = 1/100, k = 1/2, z* = 3/2, eta = 1/10, start (0.1, 0, 1), mp50; the orbit after "
      "{} steps against the fixed point to >= {:g} digits; tracking ratio dist(avg GD, central flow)/dist(avg GD, gradient "
      "flow) <= {:g} on steps {}..{} (avg: (w_(n-1) + 2 w_n + w_(n+1))/4). No order is claimed.",
      kEos1FixedSteps, kDigits, kTrackRatio, kTrackFrom, kEos1Steps - 1);
  c.negative_control = "The penalty sigma^2 grad S (1 in place of 1/2), whose implied variance sigma^2/2 = a must not be <x^2> "
      "over the orbit (on S = 2/eta the penalty's coefficient changes no tangential motion, only the variance it implies). The "
      "second control of CLAIMS.md, grad S in place of grad S_perp, does not apply here: grad S = (0, 1, 2 c z) is already "
      "orthogonal to u = e_x.";
  c.precision = "mp50";
  builtin_cases_only(c, "EOS-1 runs on its built-in toy",
                     [](auto tag, const RunContext& ctx) { return eos_toy_case<typename decltype(tag)::type>(ctx); });
  return c;
}());

}  // namespace eos1

}  // namespace irverify
