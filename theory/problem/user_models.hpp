// Models registered by name from outside the built-in families (issue 17): a problem file or spec whose "model" is a
// registered name is validated with the registration's parameter count and built with its factory, in every
// precision, so every claim that applies runs on it (checks/examples/softplus_net.cpp registers one).
//   register_user_model(user_model<MyNet>("my-net", [](const ProblemSpec& s) { return s.hidden * (s.features() + 1); }));
// where template <class S> struct MyNet { static std::unique_ptr<Model<S>> make(const ProblemSpec&, Mat<S> X,
// Mat<S> Y); } builds the model from the data (X: N x features, Y: N x outputs), typically a TapeModel
// (theory/models/tape_model.hpp).
#pragma once

#include "theory/models/model.hpp"
#include "theory/problem/problem_spec.hpp"
#include "theory/scalar.hpp"

#include <functional>
#include <memory>
#include <string>
#include <tuple>

namespace irverify {

template <class S> using ModelMaker = std::function<std::unique_ptr<Model<S>>(const ProblemSpec&, Mat<S> X, Mat<S> Y)>;

struct UserModel {
  std::string name;
  std::function<int(const ProblemSpec&)> dim;  // the parameter count for a spec's data (features(), hidden, outputs)
  std::tuple<ModelMaker<double>, ModelMaker<quad>, ModelMaker<mp50>> make;
};

template <template <class> class Net> UserModel user_model(std::string name, std::function<int(const ProblemSpec&)> dim) {
  return UserModel{std::move(name), std::move(dim),
                   {&Net<double>::make, &Net<quad>::make, &Net<mp50>::make}};
}

// std::invalid_argument if the name is empty, a built-in model's or already registered. Not thread-safe: register
// before running claims.
void register_user_model(UserModel m);
const UserModel* find_user_model(const std::string& name);  // nullptr if none

}  // namespace irverify
