// reports/record/schemas.hpp: the JSON Schemas. Generated problems of every model are valid problem files; each kind
// of fault is reported at its JSON pointer; records too (a minimal record with every required field, a summary and no
// figures, is valid).
#include "reports/record/schemas.hpp"
#include "theory/problem/generator.hpp"

#include <gtest/gtest.h>

using namespace irverify;
using json = nlohmann::json;

namespace {

std::string first_schema_error(const json& doc, DocumentKind kind) {
  const auto e = schema_errors(doc, kind);
  return e.empty() ? "(valid)" : e.front().path + " " + e.front().message;
}

json minimal_record() {
  return json::parse(R"({
    "schema": "irverify-record-1", "claim": "X-1", "check": "x", "title": "t", "paper": "p", "statement": "s",
    "verdict_rule": "r", "negative_control": "n", "verdict": "pass", "scalar": "double", "digits": 15,
    "statements": [{"text": "a", "expected": "holds", "outcome": "holds", "verdict": "pass", "cases": 1,
                    "outcomes": {"holds": 1, "refuted": 0, "unresolved": 0}}],
    "cases": [{"label": "c", "scalar": "double", "seconds": 0.1, "solver": "s", "verdict": "pass",
               "problem": {"name": "n", "model": "least-squares", "origin": "o", "dim": 2, "examples": 3, "seed": 1},
               "ladder": {"h": ["0.5", "0.25"], "ratio": "2"}, "statements": [], "tables": [],
               "series": [{"name": "e", "role": "claim", "claimed_order": 2, "errors": ["1e-3", "2.5e-4"],
                           "sigma": [null, null], "order_holds": true, "outcome": "holds",
                           "fit": {"ok": true, "slope": 2.0, "slope_stderr": 0.01, "intercept": 0.1, "fitted": [0, 1],
                                   "excluded": [], "floor_detected": false, "floor_given": false, "pairwise": [2.0],
                                   "note": ""}}]}],
    "not_applicable": [], "seeds": [1], "threads": 1, "processes": 1, "wall_time_s": 0.2,
    "summary": {"expected": "order 2", "measured": "order 2.00"}, "figures": [],
    "provenance": {"irverify_version": "0.1.0", "git_commit": "abc", "compiler": "GNU", "build_type": "Release",
                   "build_flags": "-O3", "dependencies": {}, "command_line": ["irverify"], "date_utc": "2026-12-01T00:00:00Z"}
  })");
}

}  // namespace

TEST(Schemas, GeneratedProblemsOfEveryModelAreValid) {
  for (const char* model : {"least-squares", "quadratic", "two-param", "diag-uv", "diag-uu-vv", "two-layer-tanh",
                            "two-layer-relu", "linear2", "relu2"}) {
    const json doc = generate_problem(model, 3).to_json();
    EXPECT_EQ(document_kind(doc), DocumentKind::Problem);
    EXPECT_EQ(first_schema_error(doc, DocumentKind::Problem), "(valid)") << model;
  }
}

TEST(Schemas, ProblemFaultsAtTheirPointers) {
  const json ok = generate_problem("two-layer-tanh", 1).to_json();
  auto with = [&](const char* key, json v) {
    json d = ok;
    d[key] = std::move(v);
    return d;
  };
  EXPECT_EQ(first_schema_error(with("model", 50), DocumentKind::Problem).rfind("/model ", 0), 0u);
  EXPECT_EQ(first_schema_error(with("hidden", 0), DocumentKind::Problem).rfind("/hidden ", 0), 0u);
  EXPECT_EQ(first_schema_error(with("theta0", json::array()), DocumentKind::Problem).rfind("/theta0 ", 0), 0u);
  EXPECT_EQ(first_schema_error(with("partition", json::parse("[[0, 1], [-1]]")), DocumentKind::Problem).rfind("/partition/1/0 ", 0), 0u);
  EXPECT_EQ(first_schema_error(with("sigma", true), DocumentKind::Problem).rfind("/sigma ", 0), 0u);
  EXPECT_NE(first_schema_error(with("colour", "red"), DocumentKind::Problem), "(valid)");     // unknown key
  EXPECT_NE(first_schema_error(with("data_file", "x.csv"), DocumentKind::Problem), "(valid)");  // data and data_file
  json no_hidden = ok;
  no_hidden.erase("hidden");
  EXPECT_NE(first_schema_error(no_hidden, DocumentKind::Problem), "(valid)");
  EXPECT_EQ(first_schema_error(with("h0", "1e400"), DocumentKind::Problem), "(valid)");  // decimal text: the reader's business
}

TEST(Schemas, RecordsAndTheirFaults) {
  const json rec = minimal_record();
  EXPECT_EQ(document_kind(rec), DocumentKind::Record);
  EXPECT_EQ(first_schema_error(rec, DocumentKind::Record), "(valid)");
  json bad = rec;
  bad["verdict"] = "maybe";
  EXPECT_EQ(first_schema_error(bad, DocumentKind::Record).rfind("/verdict ", 0), 0u);
  bad = rec;
  bad["cases"][0]["series"][0]["role"] = "witness";
  EXPECT_EQ(first_schema_error(bad, DocumentKind::Record).rfind("/cases/0/series/0/role ", 0), 0u);
  bad = rec;
  bad["statements"][0]["expected"] = "true";
  EXPECT_EQ(first_schema_error(bad, DocumentKind::Record).rfind("/statements/0/expected ", 0), 0u);
  bad = rec;
  bad.erase("provenance");
  EXPECT_NE(first_schema_error(bad, DocumentKind::Record), "(valid)");
  bad = rec;
  bad.erase("figures");  // required since figures are declared as data
  EXPECT_NE(first_schema_error(bad, DocumentKind::Record), "(valid)");
  bad = rec;
  bad["summary"].erase("measured");
  EXPECT_EQ(first_schema_error(bad, DocumentKind::Record).rfind("/summary ", 0), 0u);
}
