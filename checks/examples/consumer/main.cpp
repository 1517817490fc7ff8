// consumer: a model of its own on an installed irverify: a softplus regression (a generalized linear model),
//   f(x) = log(1 + exp(w . x)),  r_i = f(x_i) - y_i,
// written once as its residual (theory/models/tape_model.hpp), registered as "softplus-glm", and IGR-1 run on a
// three-example problem through run_claim. Exit 0 iff IGR-1's statements come out as expected.
#include "checks/framework/claim.hpp"
#include "theory/models/tape_model.hpp"
#include "theory/problem/user_models.hpp"

#include <iostream>

using namespace irverify;

template <class S> struct SoftplusGlm {
  static std::unique_ptr<Model<S>> make(const ProblemSpec&, Mat<S> X, Mat<S> Y) {
    const int p = static_cast<int>(X.cols()), n = static_cast<int>(X.rows());
    auto residual = [X = std::move(X), y = Vec<S>(Y.col(0)), p](const std::vector<Var<S>>& w, int i) {
      Var<S> z(S(0));
      for (int k = 0; k < p; ++k) z += X(i, k) * w[k];
      return log(S(1) + exp(z)) - y(i);
    };
    return std::make_unique<TapeModel<S>>("softplus-glm", TapeModel<S>::Kind::Residual, p, n, std::move(residual));
  }
};

int main() {
  register_user_model(user_model<SoftplusGlm>("softplus-glm", [](const ProblemSpec& s) { return s.features(); }));
  ProblemSpec spec;
  spec.name = "softplus GLM, 3 examples";
  spec.model = "softplus-glm";
  spec.origin = "consumer";
  spec.data = {{"0.5", "-0.25", "0.9"}, {"-0.75", "0.5", "0.3"}, {"0.125", "0.875", "1.1"}};
  spec.theta0 = {"0.4", "-0.3"};
  RunSettings opt;
  opt.problems = {spec};
  const nlohmann::json rec = run_claim("IGR-1", opt);
  for (const auto& st : rec["statements"])
    std::cout << "IGR-1: expected " << st["expected"].get<std::string>() << ", measured " << st["outcome"].get<std::string>()
              << ": " << st["text"].get<std::string>() << "\n";
  std::cout << "IGR-1 on " << spec.name << ": " << rec["verdict"].get<std::string>() << "\n";
  return rec["verdict"] == "pass" ? 0 : 1;
}
