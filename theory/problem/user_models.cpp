#include "theory/problem/user_models.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace irverify {

namespace {
std::map<std::string, UserModel>& registry() {
  static std::map<std::string, UserModel> r;
  return r;
}
}  // namespace

void register_user_model(UserModel m) {
  const auto& kinds = model_kinds();
  if (m.name.empty() || m.name == "formula" || std::find(kinds.begin(), kinds.end(), m.name) != kinds.end() || registry().count(m.name))
    throw std::invalid_argument("register_user_model: the name '" + m.name + "' is empty, built in or taken");
  if (!m.dim) throw std::invalid_argument("register_user_model: '" + m.name + "' needs a parameter count");
  const std::string name = m.name;
  registry().emplace(name, std::move(m));
}

const UserModel* find_user_model(const std::string& name) {
  const auto it = registry().find(name);
  return it == registry().end() ? nullptr : &it->second;
}

int user_model_dim(const std::string& model, const ProblemSpec& s) {
  const UserModel* m = find_user_model(model);
  return m ? std::max(0, m->dim(s)) : -1;
}

}  // namespace irverify
