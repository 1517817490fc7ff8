// solvers/iterate/momentum.hpp: each momentum stepper takes the step its definition writes, against the recursions
// written out here (Polyak's three-term recursion, Sutskever's look-ahead, PyTorch's buffer), and PyTorch's
// SGD(momentum) from a zero buffer is the heavy ball from rest.
#include "solvers/iterate/momentum.hpp"
#include "solvers/iterate/iterate.hpp"

#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

namespace {
struct MomentumFixture {
  Problem<quad> pr = build_problem<quad>(generate_problem("diag-uv", 2));
  const Model<quad>& m = *pr.model;
  Batch all = m.all_examples();
  quad h = quad(1) / 16, beta = quad(1) / 2;
  Vec<quad> g(const Vec<quad>& th) const { return m.gradient(th, all); }
};
constexpr int kMomentumSteps = 7;
void expect_same_theta(const Vec<quad>& x, const Vec<quad>& theta) {
  EXPECT_LE(to_double((x.head(theta.size()) - theta).norm()), 64 * to_double(eps<quad>()) * (1 + to_double(theta.norm())));
}
}  // namespace

TEST(Momentum, HeavyBallIsPolyaksRecursionFromRest) {
  const MomentumFixture f;
  Vec<quad> x = momentum_state<quad>(f.pr.theta0), prev = f.pr.theta0, th = f.pr.theta0;
  iterate(MomentumStep<quad>{f.m, f.all, f.h, f.beta, Momentum::HeavyBall}, x, kMomentumSteps);
  for (int k = 0; k < kMomentumSteps; ++k) {
    const Vec<quad> next = th + f.beta * (th - prev) - f.h * f.g(th);
    prev = th, th = next;
  }
  expect_same_theta(x, th);
  EXPECT_LE(to_double((x.tail(th.size()) - (th - prev)).norm()), 64 * to_double(eps<quad>()));
}

TEST(Momentum, PyTorchMomentumBufferIsTheHeavyBallFromRest) {
  const MomentumFixture f;
  Vec<quad> x = momentum_state<quad>(f.pr.theta0), th = f.pr.theta0, v = Vec<quad>::Zero(th.size());
  iterate(MomentumStep<quad>{f.m, f.all, f.h, f.beta, Momentum::HeavyBall}, x, kMomentumSteps);
  for (int k = 0; k < kMomentumSteps; ++k) {
    v = f.beta * v + f.g(th);
    th -= f.h * v;
  }
  expect_same_theta(x, th);
}

TEST(Momentum, SutskeverLooksAhead) {
  const MomentumFixture f;
  Vec<quad> x = momentum_state<quad>(f.pr.theta0), prev = f.pr.theta0, th = f.pr.theta0;
  iterate(MomentumStep<quad>{f.m, f.all, f.h, f.beta, Momentum::Sutskever}, x, kMomentumSteps);
  for (int k = 0; k < kMomentumSteps; ++k) {
    const Vec<quad> look = th + f.beta * (th - prev);
    const Vec<quad> next = look - f.h * f.g(look);
    prev = th, th = next;
  }
  expect_same_theta(x, th);
}

TEST(Momentum, PyTorchNesterovUsesTheUpdatedBuffer) {
  const MomentumFixture f;
  Vec<quad> x = momentum_state<quad>(f.pr.theta0), th = f.pr.theta0, v = Vec<quad>::Zero(th.size());
  iterate(MomentumStep<quad>{f.m, f.all, f.h, f.beta, Momentum::PyTorchNesterov}, x, kMomentumSteps);
  for (int k = 0; k < kMomentumSteps; ++k) {
    const Vec<quad> gk = f.g(th);
    v = f.beta * v + gk;
    th -= f.h * (gk + f.beta * v);
  }
  expect_same_theta(x, th);
  EXPECT_EQ(momentum_name(Momentum::PyTorchNesterov), "Nesterov (PyTorch)");
}
