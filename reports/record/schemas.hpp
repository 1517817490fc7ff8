// JSON Schemas (draft 7) of the file formats, and validation against them with valijson:
//   problem files  theory/problem/problem.schema.json  (format irverify-problem-1)
//   records        reports/record/record.schema.json    (schema irverify-record-1)
//   study records  reports/record/study.schema.json     (schema irverify-study-1)
// The schema texts are compiled in (cmake/schemas.cpp.in), so an installed irverify validates without the sources.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace irverify {

extern const char* const kProblemSchemaText;
extern const char* const kRecordSchemaText;
extern const char* const kStudySchemaText;

enum class DocumentKind { Problem, Record, Study };

// Study if the document has "schema": "irverify-study-1", Record if it has any other "schema" key, else Problem.
DocumentKind document_kind(const nlohmann::json& doc);
const char* document_kind_name(DocumentKind k);  // "problem file" / "record" / "study record"

struct SchemaError {
  std::string path;     // JSON pointer of the offending value ("" for the root)
  std::string message;  // valijson's description
};

// Every violation of the kind's schema (empty: valid), innermost first as valijson reports them.
std::vector<SchemaError> schema_errors(const nlohmann::json& doc, DocumentKind kind);

// The JSON text of a file, read by the one strict reader of input files (theory/io/input_file.hpp): refused
// (std::runtime_error naming the file) unless it is a regular file of at most 64 MiB, parses, nests at most 64 levels
// (validation recurses through the document) and gives no key twice in one object.
nlohmann::json read_json_for_validation(const std::string& path);

}  // namespace irverify
