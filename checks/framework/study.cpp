#include "checks/framework/study.hpp"

#include <algorithm>
#include <stdexcept>

namespace irverify {

namespace {
std::vector<Study>& registry() {
  static std::vector<Study> r;
  return r;
}
}  // namespace

StudyRegistration::StudyRegistration(Study s) {
  if (s.name.empty() || !s.run) throw std::logic_error("study registration: incomplete study " + s.name);
  registry().push_back(std::move(s));
  std::sort(registry().begin(), registry().end(), [](const Study& a, const Study& b) { return a.name < b.name; });
}

const std::vector<Study>& studies() { return registry(); }

RunContext study_context(const Study& study, const RunSettings& s) {
  RunContext ctx;
  ctx.claim = study.name;
  ctx.seed = s.seed != 0 ? s.seed : study.seed;
  ctx.threads = s.threads > 0 ? s.threads : hardware_threads();
  ctx.progress = s.progress.for_claim(study.name);
  ctx.group = s.group;
  ctx.problems = s.problems;
  return ctx;
}

}  // namespace irverify
