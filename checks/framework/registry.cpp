#include "checks/framework/claim.hpp"

#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <stdexcept>

namespace irverify {

namespace {

std::vector<Claim>& registry() {
  static std::vector<Claim> r;
  return r;
}

// (family rank in CLAIMS.md order, number) of an id such as "STAB-2".
std::pair<int, int> claim_order(const std::string& id) {
  static const std::vector<std::string> families = {"IGR", "SGD", "STAB", "LN", "RANK"};
  const std::size_t dash = id.find('-');
  const auto f = std::find(families.begin(), families.end(), id.substr(0, dash));
  return {static_cast<int>(f - families.begin()), std::stoi(id.substr(dash + 1))};
}

}  // namespace

ClaimRegistration::ClaimRegistration(Claim c) {
  scalar_index(c.default_precision);  // throws on an unknown name
  if (c.id.find('-') == std::string::npos || !c.run) throw std::logic_error("claim registration: bad claim " + c.id);
  registry().push_back(std::move(c));
}

const std::vector<Claim>& claims() {
  static const std::vector<Claim> sorted = [] {
    std::vector<Claim> v = registry();
    std::sort(v.begin(), v.end(), [](const Claim& a, const Claim& b) { return claim_order(a.id) < claim_order(b.id); });
    for (std::size_t i = 1; i < v.size(); ++i)
      if (v[i].id == v[i - 1].id) throw std::logic_error("claim " + v[i].id + " registered twice");
    return v;
  }();
  return sorted;
}

const Claim* find_claim(const std::string& id) {
  for (const auto& c : claims())
    if (c.id == id) return &c;
  return nullptr;
}

nlohmann::json run_claim(const std::string& id, const RunOptions& opt) {
  const Claim* c = find_claim(id);
  if (!c) throw std::invalid_argument("unknown claim '" + id + "'");
  return c->run(*c, opt);
}

void progress(const RunOptions& opt, const std::string& claim, const std::string& message) {
  static const auto start = std::chrono::steady_clock::now();
  if (!opt.progress) return;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << fmt::format("[{:7.1f} s] {}: {}", s, claim, message) << std::endl;
}

}  // namespace irverify
