// A formula model (issue 30): a problem file's "residual" or "loss" text (theory/formula/formula.hpp) as a TapeModel,
// every derivative from the tape, in every precision. The literals are rounded once in S; rows hold each example's
// columns in order (row-major, `columns` numbers a row; none for a loss without data, which is one example).
#pragma once

#include "theory/formula/formula.hpp"
#include "theory/models/tape_model.hpp"
#include "theory/scalar.hpp"

#include <memory>
#include <type_traits>
#include <vector>

namespace irverify {

template <class S>
std::unique_ptr<Model<S>> formula_model(std::shared_ptr<const Formula> f, bool residual, int dim, int examples,
                                        std::vector<S> rows, int columns) {
  auto literals = std::make_shared<std::vector<S>>();
  for (const std::string& t : f->literals()) literals->push_back(parse_scalar<S>(t));  // std::invalid_argument: overflow in S
  const auto data = std::make_shared<const std::vector<S>>(std::move(rows));
  auto example = [f, data, columns, literals](const std::vector<Var<S>>& theta, int i) {
    return f->evaluate<S>(theta, data->data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(columns), *literals);
  };
  auto m = std::make_unique<TapeModel<S>>("formula", residual ? TapeModel<S>::Kind::Residual : TapeModel<S>::Kind::Loss, dim,
                                          examples, std::move(example), f->smooth());
  if constexpr (std::is_same_v<S, double>) {  // for the tape kernels (solvers/simd/tape_kernel.hpp), which run in double
    m->set_example_tape([f, data, columns, literals, residual, dim, examples] {
      return record_example_tape<S>(dim, columns, examples, *data, [&](const std::vector<Var<S>>& theta, const std::vector<Var<S>>& row) {
        const Var<S> e = f->evaluate<S>(theta, row, *literals);
        return residual ? Var<S>(e * e * (S(1) / 2)) : e;
      });
    });
    if (residual)  // label noise's: the rows with a last column z (0 here; the label noise in the kernel)
      m->set_label_noise_tape([f, data, columns, literals, dim, examples] {
        std::vector<S> rows;
        for (int i = 0; i < examples; ++i) {
          const auto row = data->begin() + static_cast<std::ptrdiff_t>(i) * columns;
          rows.insert(rows.end(), row, row + columns);
          rows.push_back(S(0));
        }
        return record_example_tape<S>(dim, columns + 1, examples, std::move(rows),
                                      [&](const std::vector<Var<S>>& theta, const std::vector<Var<S>>& row) {
                                        const std::vector<Var<S>> x(row.begin(), row.end() - 1);
                                        const Var<S> e = f->evaluate<S>(theta, x, *literals) + row.back();
                                        return Var<S>(e * e * (S(1) / 2));
                                      });
      });
  }
  return m;
}

}  // namespace irverify
