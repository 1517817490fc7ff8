#include "theory/problem/problem.hpp"

#include "theory/models/formula_model.hpp"
#include "theory/problem/user_models.hpp"

#include <fmt/format.h>

namespace irverify {

namespace {
// A formula's value at theta0 (each example's residual or loss) and the full gradient there are finite, or the file is
// refused naming the example (log of a negative, a division by zero, an overflow in S).
template <class S> std::string finite_or_name(const S& v) {
  using std::isnan;
  return isnan(v) ? "NaN" : v > 0 ? "+inf" : "-inf";
}
template <class S> void check_formula_at_theta0(const ProblemSpec& spec, const Problem<S>& p) {
  using std::isfinite;
  const char* key = spec.formula_key_name();
  for (int i = 0; i < p.model->num_examples(); ++i) {
    const S v = spec.residual.empty() ? p.model->loss(p.theta0, Batch{i}) : p.model->residual(p.theta0, i);
    if (!isfinite(v))
      problem_error(spec, fmt::format("{}: {} at theta0 for example {} ({}, in {})", key, finite_or_name(v), i,
                                      spec.data.empty() ? std::string("no data") : row_origin(spec, i),
                                      scalar_name<S>()));
  }
  const Vec<S> g = p.model->gradient(p.theta0, p.model->all_examples());
  for (int k = 0; k < g.size(); ++k)
    if (!isfinite(g(k)))
      problem_error(spec, fmt::format("{}: the gradient's entry {} is {} at theta0 (in {})", key, k, finite_or_name(g(k)), scalar_name<S>()));
}
}  // namespace

template <class S> Problem<S> build_problem(const ProblemSpec& spec) {
  validate(spec);
  if (spec.is_game())  // one loss per player: theory/games/game.hpp builds it (game_from_spec)
    problem_error(spec, "a game has one loss per player, not one model: only the GAME claims run it");
  Problem<S> p;
  p.spec = spec;
  // Parsed in S: a value can overflow a narrower precision than validate()'s mp50 check (1e400 in double).
  const auto num = [&](const std::string& t, const std::string& where) {
    try {
      return parse_scalar<S>(t);
    } catch (const std::invalid_argument& e) {
      problem_error(spec, fmt::format("{}: {}", where, e.what()));
    }
  };
  if (spec.model == "quadratic") {
    std::vector<QuadraticTerm<S>> terms;
    const int d = spec.dim();
    for (std::size_t i = 0; i < spec.terms.size(); ++i) {
      const auto& t = spec.terms[i];
      QuadraticTerm<S> q{Mat<S>(d, d), Vec<S>(d), num(t.c, fmt::format("terms[{}].c", i))};
      for (int r = 0; r < d; ++r) {
        q.b(r) = num(t.b[r], fmt::format("terms[{}].b[{}]", i, r));
        for (int c = 0; c < d; ++c) q.A(r, c) = num(t.A[r][c], fmt::format("terms[{}].A[{}][{}]", i, r, c));
      }
      terms.push_back(std::move(q));
    }
    p.model = std::make_unique<Quadratic<S>>(std::move(terms));
  } else if (spec.is_formula()) {
    const int n = spec.num_examples(), cols = spec.data.empty() ? 0 : static_cast<int>(spec.data.front().size());
    std::vector<S> rows;
    for (std::size_t i = 0; i < spec.data.size(); ++i)
      for (int j = 0; j < cols; ++j) rows.push_back(num(spec.data[i][j], fmt::format("{} column {}", row_origin(spec, i), j + 1)));
    const auto f = std::make_shared<const Formula>(spec.formula_key(), spec.formula_symbols());
    try {
      p.model = formula_model<S>(f, spec.has_residual(), spec.dim(), n, std::move(rows), cols);
    } catch (const std::invalid_argument& e) {
      problem_error(spec, fmt::format("{}: a number {}", spec.formula_key_name(), e.what()));
    }
  } else {
    const int n = spec.num_examples(), f = spec.features();
    Mat<S> X(n, f), Y(n, spec.outputs);
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < f + spec.outputs; ++j) {
        const S v = num(spec.data[i][j], fmt::format("{} column {}", row_origin(spec, i), j + 1));
        if (j < f) X(i, j) = v;
        else Y(i, j - f) = v;
      }
    }
    Vec<S> y = Y.col(0);
    if (spec.model == "least-squares") p.model = std::make_unique<LeastSquares<S>>(std::move(X), std::move(y));
    if (spec.model == "two-param") p.model = std::make_unique<DiagNet<S>>(DiagKind::TwoParam, std::move(X), std::move(y));
    if (spec.model == "diag-uv") p.model = std::make_unique<DiagNet<S>>(DiagKind::UV, std::move(X), std::move(y));
    if (spec.model == "diag-uu-vv") p.model = std::make_unique<DiagNet<S>>(DiagKind::UUVV, std::move(X), std::move(y));
    if (spec.model == "two-layer-tanh")
      p.model = std::make_unique<TwoLayer<S>>(Activation::Tanh, spec.hidden, std::move(X), std::move(y));
    if (spec.model == "two-layer-relu")
      p.model = std::make_unique<TwoLayer<S>>(Activation::Relu, spec.hidden, std::move(X), std::move(y));
    if (spec.model == "linear2") p.model = std::make_unique<MatrixNet<S>>(MatrixNetKind::Linear, spec.hidden, std::move(X), std::move(Y));
    if (spec.model == "relu2") p.model = std::make_unique<MatrixNet<S>>(MatrixNetKind::Relu, spec.hidden, std::move(X), std::move(Y));
    if (const UserModel* u = find_user_model(spec.model)) {
      p.model = std::get<ModelMaker<S>>(u->make)(spec, std::move(X), std::move(Y));
      if (!p.model || p.model->dim() != spec.dim() || p.model->num_examples() != n)
        problem_error(spec, fmt::format("{}: the registered factory built a model of the wrong size", spec.model));
    }
  }
  p.theta0 = Vec<S>(spec.dim());
  for (int i = 0; i < spec.dim(); ++i) p.theta0(i) = num(spec.theta0[i], fmt::format("theta0[{}]", i));
  if (spec.is_formula()) check_formula_at_theta0(spec, p);
  for (const auto& blk : spec.partition) p.partition.emplace_back(blk.begin(), blk.end());
  if (!spec.h0.empty()) {
    p.has_h0 = true;
    p.h0 = num(spec.h0, "h0");
  }
  return p;
}

#define IRVERIFY_INST(S) template Problem<S> build_problem<S>(const ProblemSpec&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
