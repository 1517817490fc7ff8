// theory/models/model.hpp: the interface every model meets. ModelBase gives the closed-form gradient and the taped one
// from one kernel (equal to rounding); all_examples is 0..N-1; a model that is no regression model refuses residuals;
// and for every regression model the output gradient v_i is the gradient of the residual r_i (central differences).
#include "theory/models/model.hpp"

#include "checks/framework/minimum_setup.hpp"
#include "checks/framework/tolerance.hpp"
#include "theory/problem/generator.hpp"
#include "theory/problem/problem.hpp"

#include <gtest/gtest.h>

using namespace irverify;

TEST(Model, OutputGradientMatchesCentralDifferencesOfTheResidual) {
  for (const std::string kind : {"least-squares", "diag-uv", "diag-uu-vv", "two-layer-relu"}) {
    const ProblemSpec spec = kind == "two-layer-relu" ? minimum_relu_problems()[0] : generate_problem(kind, 3, {4, 6, 0});
    const Problem<double> pr = build_problem<double>(spec);
    const double h = tol::central_step<double>(), bound = tol::central_difference_bound<double>();
    for (int i = 0; i < pr.model->num_examples(); ++i) {
      const Vec<double> v = pr.model->output_gradient(pr.theta0, i);
      for (int k = 0; k < pr.model->dim(); ++k) {
        Vec<double> a = pr.theta0, b = pr.theta0;
        a(k) += h, b(k) -= h;
        const double fd = (pr.model->residual(a, i) - pr.model->residual(b, i)) / (2 * h);
        EXPECT_NEAR(v(k), fd, bound) << kind << " example " << i << " coordinate " << k;
      }
    }
  }
}

TEST(Model, ExamplesKernelsAndRefusals) {
  for (const auto& kind : model_kinds()) {
    const Problem<double> pr = build_problem<double>(generate_problem(kind, 2));
    const Model<double>& m = *pr.model;
    const Batch all = m.all_examples();
    ASSERT_EQ(static_cast<int>(all.size()), m.num_examples()) << kind;
    for (int i = 0; i < m.num_examples(); ++i) EXPECT_EQ(all[i], i);
    EXPECT_EQ(m.kind(), kind);
    EXPECT_EQ(m.dim(), pr.spec.dim()) << kind;
    // One kernel, two entry points: the closed-form and the taped gradient (ModelBase) agree to rounding.
    const Program<double> g = m.gradient_program(all);
    EXPECT_EQ(g.num_inputs(), m.dim());
    EXPECT_LE((evaluate(g, pr.theta0) - m.gradient(pr.theta0, all)).norm(),
              tol::ulps<double>(64 * m.dim()) * std::max(1.0, m.gradient(pr.theta0, all).norm()))
        << kind;
  }
  const Problem<double> q = build_problem<double>(generate_problem("quadratic", 2));
  EXPECT_THROW(q.model->residual(q.theta0, 0), std::logic_error);
  EXPECT_THROW(q.model->output_gradient(q.theta0, 0), std::logic_error);
}
