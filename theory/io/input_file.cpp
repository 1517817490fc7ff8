#include "theory/io/input_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace irverify {

namespace {

using json = nlohmann::json;

// nlohmann's message without its "[json.exception.parse_error.101] " tag.
std::string plain(const std::string& what) {
  const auto tag = what.rfind("[json.exception.", 0) == 0 ? what.find("] ") : std::string::npos;
  return tag == std::string::npos ? what : what.substr(tag + 2);
}

// Builds the DOM from SAX events, so limits and duplicate keys stop the parse where they occur.
class StrictSax : public json::json_sax_t {
 public:
  explicit StrictSax(bool keep_float_text) : keep_float_text_(keep_float_text) {}
  json root;
  std::size_t error_pos = 0;
  std::string error_msg;
  bool refused = false;  // stopped by a limit or a duplicate key, not by a syntax error

  bool null() override { return put(json(nullptr)); }
  bool boolean(bool v) override { return put(json(v)); }
  bool number_integer(number_integer_t v) override { return put(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return put(json(v)); }
  bool number_float(number_float_t v, const string_t& s) override {
    return put(keep_float_text_ ? json(kNumberMark + s) : json(v));
  }
  bool string(string_t& s) override { return put(json(s)); }
  bool binary(binary_t&) override { return put(json(nullptr)); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool key(string_t& k) override {
    if (stack_.back()->contains(k)) return refuse(fmt::format("duplicate key {}", json(k).dump()));
    key_ = k;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override {
    error_pos = pos;
    error_msg = plain(ex.what());
    return false;
  }

 private:
  json* slot(json v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    top[key_] = std::move(v);
    return &top[key_];
  }
  bool put(json v) {
    slot(std::move(v));
    return true;
  }
  bool open(json v) {
    if (stack_.size() >= kMaxJsonDepth) return refuse(fmt::format("nested deeper than {} levels", kMaxJsonDepth));
    stack_.push_back(slot(std::move(v)));
    return true;
  }
  bool refuse(std::string what) {
    error_msg = std::move(what);
    refused = true;
    return false;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
  bool keep_float_text_;
  std::vector<json*> stack_;
  std::string key_;
};

std::size_t line_of(const std::string& text, std::size_t pos) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + std::min(pos, text.size()), '\n'));
}

}  // namespace

std::string read_input_file(const std::string& path, const char* what, std::uintmax_t max_bytes) {
  if (path.find('\0') != std::string::npos) throw InputError(fmt::format("a {} name contains a NUL character", what));
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) throw InputError(fmt::format("{}: cannot open {} (no such file)", path, what));
  if (!std::filesystem::is_regular_file(st)) throw InputError(fmt::format("{}: cannot open {}: not a regular file", path, what));
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes)
    throw InputError(fmt::format("{}: {} bytes, more than the limit of {} bytes for an input {}", path, size, max_bytes, what));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  if (in) os << in.rdbuf();
  if (!in) throw InputError(fmt::format("{}: cannot read {}", path, what));
  return os.str();
}

json parse_strict_json(const std::string& text, const std::string& path, const StrictJsonOptions& opt) {
  // The parser ends its input at a NUL byte; JSON text holds none (inside strings it is written \u0000).
  if (const auto nul = text.find('\0'); nul != std::string::npos)
    throw InputError(fmt::format("{}:{}: a NUL byte in the JSON text", path, line_of(text, nul)));
  StrictSax sax(opt.keep_float_text);
  bool ok = false;
  try {
    ok = json::sax_parse(text, &sax);
  } catch (const json::exception& e) {  // the SAX parser reports most errors through parse_error, not all
    throw InputError(fmt::format("{}: invalid JSON ({})", path, plain(e.what())));
  }
  if (ok) return std::move(sax.root);
  if (sax.refused) throw InputError(fmt::format("{}: {}", path, sax.error_msg));
  if (sax.error_msg.find("number overflow") != std::string::npos)
    throw InputError(fmt::format("{}:{}: a number outside double's range ({}){}", path, line_of(text, sax.error_pos),
                                 sax.error_msg, opt.overflow_hint));
  throw InputError(fmt::format("{}:{}: invalid JSON ({})", path, line_of(text, sax.error_pos), sax.error_msg));
}

}  // namespace irverify
