// softplus_example PROBLEM.json [CLAIM...]: registers softplus2 (softplus_net.hpp), checks the derivatives the tape
// derives against central differences in double and in 50 digits (as the built-in models are checked: gradient vs
// loss, Hessian vs gradient, T[u, v] vs u'Hv, the output gradient vs the gradient of one example), then runs the
// claims (default IGR-1 and SGD-1) on the problem file through the library API. Exit 0 iff every derivative check
// passes and every claim's statements come out as expected.
#include "checks/examples/softplus_net.hpp"
#include "checks/framework/claim.hpp"
#include "checks/framework/central_difference.hpp"
#include "checks/framework/tolerance.hpp"
#include "theory/problem/problem.hpp"
#include "theory/problem/problem_io.hpp"

#include <fmt/format.h>

#include <iostream>

using namespace irverify;

namespace {

template <class S> S rel(const Mat<S>& a, const Mat<S>& b) { return S((a - b).norm()) / std::max(S(1), S(b.norm())); }

template <class S> bool check_derivatives(const ProblemSpec& spec) {
  const Problem<S> pr = build_problem<S>(spec);
  const Model<S>& m = *pr.model;
  const Batch all = m.all_examples();
  const Vec<S> x = pr.theta0;
  const int d = m.dim();
  Vec<S> u(d), v(d), g_fd(d), T_fd(d), go_fd(d);
  for (int i = 0; i < d; ++i) u(i) = S(i % 3 + 1) / 4 - S(1) / 3, v(i) = S(1) / (i + 2);
  const S h = tol::central_step<S>(), bound = tol::central_difference_bound<S>();
  Mat<S> H_fd(d, d);
  for (int i = 0; i < d; ++i) {
    g_fd(i) = central_difference<S, S>([&](const Vec<S>& y) { return m.loss(y, all); }, x, i, h);
    H_fd.col(i) = central_difference<Vec<S>, S>([&](const Vec<S>& y) { return Vec<S>(m.gradient(y, all)); }, x, i, h);
    T_fd(i) = central_difference<S, S>([&](const Vec<S>& y) { return S(u.dot(m.hessian(y, all) * v)); }, x, i, h);
    go_fd(i) = central_difference<S, S>([&](const Vec<S>& y) { return m.residual(y, 1); }, x, i, h);
  }
  const S e[] = {rel<S>(m.gradient(x, all), g_fd), rel<S>(m.hessian(x, all), H_fd), rel<S>(m.third(x, u, v, all), T_fd),
                 rel<S>(m.output_gradient(x, 1), go_fd)};
  const char* what[] = {"gradient vs loss", "Hessian vs gradient", "T[u,v] vs u'Hv", "output gradient vs residual"};
  bool ok = true;
  for (int k = 0; k < 4; ++k) {
    const bool pass = e[k] <= bound;
    ok = ok && pass;
    std::cout << fmt::format("  {:<6} {:<28} relative difference {:.2e} (bound {:.2e}) {}\n", std::string(scalar_traits<S>::name()), what[k],
                             to_double(e[k]), to_double(bound), pass ? "ok" : "FAILED");
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: softplus_example PROBLEM.json [CLAIM...]\n";
    return 2;
  }
  softplus_example::register_softplus2();
  try {
    const ProblemSpec spec = read_problem_file(argv[1]);
    std::cout << "derivatives of " << spec.model << " (" << spec.dim() << " parameters) against central differences:\n";
    bool ok = check_derivatives<double>(spec) && check_derivatives<mp50>(spec);
    std::vector<std::string> ids(argv + 2, argv + argc);
    if (ids.empty()) ids = {"IGR-1", "SGD-1"};
    for (const auto& id : ids) {
      RunSettings opt;
      opt.problems = {spec};
      const nlohmann::json rec = run_claim(id, opt);
      const bool pass = rec.value("verdict", "fail") == "pass";
      std::cout << fmt::format("{} on {}: {}\n", id, spec.name, pass ? "PASS" : "FAIL");
      for (const auto& st : rec.value("statements", nlohmann::json::array()))
        std::cout << fmt::format("  [{}] expected {}, measured {}: {}\n", st.value("verdict", "") == "pass" ? "ok" : "MISMATCH",
                                 st.value("expected", ""), st.value("outcome", ""), st.value("text", ""));
      ok = ok && pass;
    }
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "softplus_example: " << e.what() << "\n";
    return 2;
  }
}
