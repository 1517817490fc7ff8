// The gradient-flow solvers against closed-form flows of quadratic losses (eigendecomposition in the
// same precision), and against each other on non-quadratic models.
#include "checks/framework/tolerance.hpp"
#include "solvers/flow/odeint_flow.hpp"
#include "solvers/flow/quadratic_exact_flow.hpp"
#include "solvers/flow/taylor_flow.hpp"
#include "solvers/iterate/iterate.hpp"
#include "theory/losses/igr_modified_loss.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {

// Issue #2 acceptance: relative error <= 1e-25 at 50 digits, <= 1e-13 in double. As multiples of eps these
// are ~1e25 eps (mp50) and ~450 eps (double); we require the double bound in both (1e-13 = 450 eps) and,
// at 50 digits, 1e-25 written in S.
template <class S> S flow_bound();
template <> double flow_bound<double>() { return 1e-13; }
template <> mp50 flow_bound<mp50>() { return mp50("1e-25"); }

template <class S> S rel(const Vec<S>& a, const Vec<S>& b) { return S((a - b).norm()) / std::max(S(1), S(b.norm())); }

// Taylor flows of L and of L + (h/4)|g|^2 against their closed forms, at local tolerance `tol`, to `bound`.
template <class S>
void taylor_matches_exact(const ProblemSpec& spec, const S& T, const S& tol = TaylorFlow<S>::default_tolerance(),
                          const S& bound = flow_bound<S>()) {
  const Problem<S> p = build_problem<S>(spec);
  const Model<S>& m = *p.model;
  const Batch all = m.all_examples();
  const Mat<S> H = m.hessian(p.theta0, all);
  const Vec<S> g0 = m.gradient(p.theta0, all);
  FlowStats st;
  const Vec<S> x = TaylorFlow<S>(gradient_flow_field(m, all), tol).integrate(p.theta0, T, &st);
  const Vec<S> ref = quadratic_exact_flow<S>(H, g0, p.theta0, T);
  EXPECT_LE(rel<S>(x, ref), bound) << spec.name << " steps " << st.steps << " order " << st.order;
  // Flow of L + c h |g|^2: multiplier 1 + 2 c h lambda.
  const S h = S(1) / 16, c = S(1) / 4;
  const Vec<S> xm = TaylorFlow<S>(igr_flow_field(m, h, c, all), tol).integrate(p.theta0, T);
  const Vec<S> refm = quadratic_exact_flow<S>(H, g0, p.theta0, T, {S(1), S(2 * c * h)});
  EXPECT_LE(rel<S>(xm, refm), bound) << spec.name << " (modified flow)";
}

}  // namespace

TEST(TaylorFlow, LeastSquaresDoubleAndMp50MatchClosedForm) {
  const ProblemSpec s = generate_problem("least-squares", 3, {8, 10, 0});
  taylor_matches_exact<double>(s, 1.0);
  taylor_matches_exact<mp50>(s, mp50(1));
}

TEST(TaylorFlow, BenchmarkSettingIsAccurate) {
  // The benchmark's setting (solvers/bench/flow_bench.cpp): 10-d least squares to t = 1 at tolerance 1e-30.
  // Its timing means something only if the answer is right: relative error <= 1e-28 (a local tolerance of
  // 1e-30 over a handful of steps, with 100x room for the e^-2 step rule's estimate of the tail).
  taylor_matches_exact<mp50>(generate_problem("least-squares", 3, {12, 10, 0}), mp50(1), mp50("1e-30"), mp50("1e-28"));
}

TEST(TaylorFlow, OverparameterizedLeastSquaresSingularHessian) {
  // d = 12 > N = 5: H has a 7-dimensional null space; the closed form needs no inverse.
  const ProblemSpec s = generate_problem("least-squares", 4, {5, 12, 0});
  taylor_matches_exact<double>(s, 2.0);
  taylor_matches_exact<mp50>(s, mp50(2));
}

TEST(TaylorFlow, GeneralQuadraticIndefinite) {
  // A_i = I + S_i may be indefinite: the flow grows along negative directions; still exact.
  const ProblemSpec s = generate_problem("quadratic", 5, {3, 6, 0});
  taylor_matches_exact<double>(s, 1.0);
  taylor_matches_exact<mp50>(s, mp50(1));
}

TEST(TaylorFlow, NonQuadraticModelsAgreeWithOdeintRkf78) {
  // No closed form: Taylor (mp50, 64 eps) against odeint's RKF78 in quad at 1e-28, to t = 1/2.
  // Agreement bound 1e-25: RKF78's accumulated global error over its steps stays below it.
  for (const std::string kind : {"two-param", "diag-uv", "diag-uu-vv", "two-layer-tanh"}) {
    const ProblemSpec s = generate_problem(kind, 2);
    const Problem<mp50> p = build_problem<mp50>(s);
    const Problem<quad> q = build_problem<quad>(s);
    const Vec<mp50> x = TaylorFlow<mp50>(gradient_flow_field(*p.model, p.model->all_examples())).integrate(p.theta0, mp50(1) / 2);
    const Vec<quad> y = odeint_gradient_flow<quad>(*q.model, q.model->all_examples(), q.theta0, quad(1) / 2, quad("1e-28"),
                                                   OdeintMethod::RKF78);
    Vec<mp50> ym(y.size());
    for (int i = 0; i < y.size(); ++i) ym(i) = mp50(to_string_full(y(i)));
    EXPECT_LE(rel<mp50>(x, ym), mp50("1e-25")) << kind;
  }
}

TEST(TaylorFlow, ReluNetworkCrossesKinksConsistentlyAcrossPrecisions) {
  // The ReLU flow is piecewise smooth; Taylor steps end just past each kink (bisection on the argument's
  // series). Double and mp50 then agree to the double bound, through the kinks crossed by t = 2.
  // (odeint's RKF78 does not: at tolerances 1e-13 and 1e-15 it disagrees with itself by ~1e-4 here,
  // because error control cannot resolve the gradient's jump; measured, see the closing note of issue #2.)
  const ProblemSpec s = generate_problem("two-layer-relu", 2);
  const Problem<double> p = build_problem<double>(s);
  const Problem<mp50> q = build_problem<mp50>(s);
  FlowStats st;
  const Vec<double> x = TaylorFlow<double>(gradient_flow_field(*p.model, p.model->all_examples())).integrate(p.theta0, 2.0, &st);
  const Vec<mp50> y = TaylorFlow<mp50>(gradient_flow_field(*q.model, q.model->all_examples())).integrate(q.theta0, mp50(2));
  Vec<mp50> xm(x.size());
  for (int i = 0; i < x.size(); ++i) xm(i) = x(i);
  EXPECT_LE(rel<mp50>(xm, y), mp50(flow_bound<double>())) << "steps " << st.steps;
  EXPECT_GT(st.steps, 2);  // kinks were crossed (smooth stretches take one or two steps)
}

TEST(TaylorFlow, RejectsBadInput) {
  const ProblemSpec s = generate_problem("least-squares", 3);
  const Problem<double> p = build_problem<double>(s);
  const TaylorFlow<double> f(gradient_flow_field(*p.model, p.model->all_examples()));
  EXPECT_THROW(f.integrate(p.theta0, -1.0), std::invalid_argument);
  EXPECT_THROW(f.integrate(Vec<double>::Zero(p.theta0.size() + 1), 1.0), std::invalid_argument);
  EXPECT_THROW(TaylorFlow<double>(gradient_flow_field(*p.model, p.model->all_examples()), 0.0), std::invalid_argument);
}

TEST(OdeintFlow, Rkf78AndBulirschStoerMatchClosedFormInDouble) {
  const ProblemSpec s = generate_problem("least-squares", 3, {8, 10, 0});
  const Problem<double> p = build_problem<double>(s);
  const Model<double>& m = *p.model;
  const Batch all = m.all_examples();
  const Vec<double> ref = quadratic_exact_flow<double>(m.hessian(p.theta0, all), m.gradient(p.theta0, all), p.theta0, 1.0);
  for (auto method : {OdeintMethod::RKF78, OdeintMethod::BulirschStoer})
    EXPECT_LE(rel<double>(odeint_gradient_flow<double>(m, all, p.theta0, 1.0, 1e-14, method), ref), 1e-12);
}

// GD (IGR) and SGD epochs (SGD) that blow up are stopped at the step where the iterate stops being finite, with
// that step in the message: never averaged into a ladder.
TEST(Iterate, NonFiniteIterateIsAFaultAtItsStep) {
  const ProblemSpec spec = generate_problem("least-squares", 1);
  const Problem<double> pr = build_problem<double>(spec);
  const Model<double>& m = *pr.model;
  const Batch all = m.all_examples();
  const double lmax = m.hessian(pr.theta0, all).selfadjointView<Eigen::Lower>().eigenvalues().maxCoeff();
  Vec<double> th = pr.theta0;
  try {
    iterate(GdStep<double>{m, all, 3 / lmax, {}}, th, 100000);  // |1 - h lambda_max| = 2: overflows near step 1000
    FAIL() << "no fault";
  } catch (const NumericalFault& e) {
    EXPECT_NE(std::string(e.what()).find("not finite after step"), std::string::npos) << e.what();
  }
  Partition batches;
  for (int i = 0; i < m.num_examples(); ++i) batches.push_back({i});
  Vec<double> th2 = pr.theta0;
  EXPECT_THROW(iterate(SgdEpoch<double>{m, batches, 100 / lmax}, th2, 100000), NumericalFault);
  Vec<double> th3 = pr.theta0;
  EXPECT_NO_THROW(iterate(GdStep<double>{m, all, 1 / lmax, {}}, th3, 1000));
}

// The tape's exp, log and 1/a through the Taylor-series solver, against closed forms in 50 digits:
//   x' = 1/(1+x):   (1 + x)^2 = (1 + x0)^2 + 2t;   x' = exp(-x):  x = log(exp(x0) + t);   x' = -x log x:  x = x0^exp(-t).
TEST(TaylorFlow, ExpLogRecipMatchClosedForms) {
  using S = mp50;
  using std::exp;
  using std::log;
  using std::pow;
  using std::sqrt;
  const S x0 = S(3) / 4, T = S(3) / 2, tol = tol::ulps<S>(1 << 12);  // the flow tolerance (~eps) plus rounding of its steps
  const auto field = [](const std::function<Var<S>(const Var<S>&)>& f) {
    Program<S> p;
    const std::vector<Var<S>> x = p.make_inputs(1);
    p.outputs = {f(x[0])};
    return p;
  };
  const S a = TaylorFlow<S>(field([](const Var<S>& x) { return recip(S(1) + x); })).integrate(Vec<S>::Constant(1, x0), T)(0);
  EXPECT_LE(abs(a - (sqrt((1 + x0) * (1 + x0) + 2 * T) - 1)), tol);
  const S b = TaylorFlow<S>(field([](const Var<S>& x) { return exp(-x); })).integrate(Vec<S>::Constant(1, x0), T)(0);
  EXPECT_LE(abs(b - log(exp(x0) + T)), tol);
  const S c = TaylorFlow<S>(field([](const Var<S>& x) { return -(x * log(x)); })).integrate(Vec<S>::Constant(1, x0), T)(0);
  EXPECT_LE(abs(c - pow(x0, exp(-T))), tol);
}
