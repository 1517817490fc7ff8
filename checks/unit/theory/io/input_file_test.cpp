// theory/io/input_file.hpp: the one strict reader of input files. Only regular files of bounded size; JSON without
// duplicate keys or deep nesting; floating-point literals kept as text on request; every refusal names the file.
#include "theory/io/input_file.hpp"

#include "checks/unit/scratch.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include <sys/stat.h>

using namespace irverify;

namespace {
std::string refusal(const std::string& text, const StrictJsonOptions& opt = {}) {
  try {
    (void)parse_strict_json(text, "in.json", opt);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(InputFile, ReadsRegularFilesOnly) {
  const auto path = unit_scratch("input.json");
  std::ofstream(path) << "{\"a\": 1}";
  EXPECT_EQ(read_input_file(path.string()), "{\"a\": 1}");
  EXPECT_THROW(read_input_file(path.string(), "record", 3), InputError);  // larger than the limit
  const auto fifo = unit_scratch("input.fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  try {
    (void)read_input_file(fifo.string(), "record");
    FAIL() << "a FIFO was read";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), fifo.string() + ": cannot open record: not a regular file");
  }
  EXPECT_THROW(read_input_file(path.parent_path().string()), InputError);        // a directory
  EXPECT_THROW(read_input_file((path.string() + "-missing")), InputError);        // no such file
  EXPECT_THROW(read_input_file(path.string() + std::string(1, '\0')), InputError);  // a NUL in the name
}

TEST(InputFile, StrictJsonRefusesDuplicatesDepthAndSyntax) {
  EXPECT_EQ(refusal("{\"a\": 1, \"b\": {\"a\": 2}}"), "");  // one key per object, not per document
  EXPECT_EQ(refusal("{\"a\": 1, \"a\": 2}"), "in.json: duplicate key \"a\"");
  EXPECT_EQ(refusal(std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']')), "");
  EXPECT_EQ(refusal(std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']')),
            "in.json: nested deeper than 64 levels");
  EXPECT_NE(refusal("{\n\"a\": }").find("in.json:2: invalid JSON"), std::string::npos);
  EXPECT_NE(refusal("[1e400]", {false, "; hint"}).find("in.json:1: a number outside double's range"), std::string::npos);
  EXPECT_NE(refusal("[1e400]", {false, "; hint"}).find("; hint"), std::string::npos);
}

TEST(InputFile, FloatLiteralsKeepTheirText) {
  const nlohmann::json exact = parse_strict_json("{\"x\": 0.1, \"n\": 3, \"s\": \"0.1\"}", "in.json", {true, ""});
  EXPECT_EQ(exact["x"], std::string(1, kNumberMark) + "0.1");
  EXPECT_EQ(exact["n"], 3);
  EXPECT_EQ(exact["s"], "0.1");
  const nlohmann::json plain = parse_strict_json("{\"x\": 0.1}", "in.json");
  EXPECT_EQ(plain["x"].get<double>(), 0.1);
}
