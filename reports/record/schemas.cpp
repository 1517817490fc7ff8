#include "reports/record/schemas.hpp"

#include "theory/io/input_file.hpp"

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <stdexcept>

namespace irverify {

namespace {

// The parsed schema of a kind, built once (thread-safe static initialization).
const valijson::Schema& schema_of(DocumentKind kind) {
  const auto build = [](const char* text) {
    auto s = std::make_unique<valijson::Schema>();
    const nlohmann::json j = nlohmann::json::parse(text);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(j), *s);
    return s;
  };
  static const std::unique_ptr<valijson::Schema> problem = build(kProblemSchemaText), record = build(kRecordSchemaText),
                                                  study = build(kStudySchemaText);
  return kind == DocumentKind::Problem ? *problem : kind == DocumentKind::Record ? *record : *study;
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
  if (!doc.is_object() || !doc.contains("schema")) return DocumentKind::Problem;
  return doc["schema"] == "irverify-study-1" ? DocumentKind::Study : DocumentKind::Record;
}
const char* document_kind_name(DocumentKind k) {
  return k == DocumentKind::Problem ? "problem file" : k == DocumentKind::Record ? "record" : "study record";
}

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
  try {
    return parse_strict_json(read_input_file(path), path);
  } catch (const InputError& e) {
    throw std::runtime_error(e.what());
  }
}

}  // namespace irverify
