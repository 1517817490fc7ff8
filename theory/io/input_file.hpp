// Strict reading of input files (problem files, CSV data, records): one reader for every file the suite takes in.
//   read_input_file   the bytes of a regular file (a FIFO or a device could block for ever) of at most max_bytes
//   parse_strict_json JSON text to a DOM that refuses nesting deeper than kMaxJsonDepth (no deep recursion on hostile
//                     input) and a key given twice in one object (no "last value wins"); with keep_float_text every
//                     floating-point literal keeps its source text (behind kNumberMark), so no number passes through
//                     double (the problem reader's exact literals).
// Errors throw InputError naming the file (and the line of a syntax error).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace irverify {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::uintmax_t kMaxInputBytes = std::uintmax_t(64) << 20;  // any input file
inline constexpr std::size_t kMaxJsonDepth = 64;
// Marks a floating-point literal kept as text (a control character, which a JSON string cannot hold unescaped; the
// problem reader refuses it in real strings), so 1.5 and "1.5" stay apart.
inline constexpr char kNumberMark = '\x01';

// `what` names the kind of file in messages ("file", "data file", "record").
std::string read_input_file(const std::string& path, const char* what = "file", std::uintmax_t max_bytes = kMaxInputBytes);

struct StrictJsonOptions {
  bool keep_float_text = false;
  // Appended to the message for a number outside double's range (e.g. how to write it instead).
  std::string overflow_hint;
};
nlohmann::json parse_strict_json(const std::string& text, const std::string& path, const StrictJsonOptions& opt = {});

}  // namespace irverify
