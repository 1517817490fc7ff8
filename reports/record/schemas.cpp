#include "reports/record/schemas.hpp"

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <set>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace irverify {

namespace {

constexpr int kMaxDepth = 64;
constexpr std::uintmax_t kMaxBytes = 64ull << 20;

// The parsed schema of a kind, built once (thread-safe static initialization).
const valijson::Schema& schema_of(DocumentKind kind) {
  const auto build = [](const char* text) {
    auto s = std::make_unique<valijson::Schema>();
    const nlohmann::json j = nlohmann::json::parse(text);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(j), *s);
    return s;
  };
  static const std::unique_ptr<valijson::Schema> problem = build(kProblemSchemaText), record = build(kRecordSchemaText);
  return kind == DocumentKind::Problem ? *problem : *record;
}

// valijson's context ("<root>", "[cases]", "[0]", ...) as a JSON pointer ("/cases/0").
std::string pointer(const std::vector<std::string>& context) {
  std::string p;
  for (const auto& c : context) {
    if (c == "<root>") continue;
    std::string key = c.size() >= 2 && c.front() == '[' && c.back() == ']' ? c.substr(1, c.size() - 2) : c;
    if (key.size() >= 2 && key.front() == '"' && key.back() == '"') key = key.substr(1, key.size() - 2);
    std::string escaped;
    for (char ch : key) escaped += ch == '~' ? "~0" : ch == '/' ? "~1" : std::string(1, ch);
    p += "/" + escaped;
  }
  return p;
}

}  // namespace

DocumentKind document_kind(const nlohmann::json& doc) {
  return doc.is_object() && doc.contains("schema") ? DocumentKind::Record : DocumentKind::Problem;
}
const char* document_kind_name(DocumentKind k) { return k == DocumentKind::Problem ? "problem file" : "record"; }

std::vector<SchemaError> schema_errors(const nlohmann::json& doc, DocumentKind kind) {
  valijson::Validator v;
  valijson::ValidationResults results;
  std::vector<SchemaError> out;
  if (v.validate(schema_of(kind), valijson::adapters::NlohmannJsonAdapter(doc), &results)) return out;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) out.push_back({pointer(e.context), e.description});
  // valijson also reports every enclosing schema ("Failed to validate item #3 in array", ...): keep those only when
  // nothing more specific was said.
  const auto wrapper = [](const SchemaError& x) { return x.message.rfind("Failed to validate", 0) == 0; };
  if (!std::all_of(out.begin(), out.end(), wrapper)) out.erase(std::remove_if(out.begin(), out.end(), wrapper), out.end());
  return out;
}

nlohmann::json read_json_for_validation(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw std::runtime_error(fmt::format("{}: not a regular file", path));
  if (std::filesystem::file_size(path, ec) > kMaxBytes) throw std::runtime_error(fmt::format("{}: larger than 64 MiB", path));
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read", path));
  bool too_deep = false;
  std::vector<std::set<std::string>> keys;  // of each open object: a key given twice is refused (no "last one wins")
  std::string duplicate;
  const auto guard = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (depth > kMaxDepth) too_deep = true;
    if (event == E::object_start) keys.emplace_back();
    if (event == E::object_end && !keys.empty()) keys.pop_back();
    if (event == E::key && !keys.empty() && !keys.back().insert(parsed.get<std::string>()).second && duplicate.empty())
      duplicate = parsed.get<std::string>();
    return !too_deep;  // stop keeping values once too deep
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text.str(), guard);
  } catch (const nlohmann::json::exception& e) {  // parse errors, and numbers outside double's range
    throw std::runtime_error(fmt::format("{}: invalid JSON ({})", path, e.what()));
  }
  if (too_deep) throw std::runtime_error(fmt::format("{}: nested deeper than {} levels", path, kMaxDepth));
  if (!duplicate.empty()) throw std::runtime_error(fmt::format("{}: duplicate key {}", path, nlohmann::json(duplicate).dump()));
  return j;
}

}  // namespace irverify
