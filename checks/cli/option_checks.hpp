// Checks of numeric command-line options on their text, before CLI11 converts it (issue 28, item 4): a conversion
// would saturate 2^64 to 2^64 - 1, read "010" as octal 8, "0x10" as 16 and let NaN or infinity through; these refuse
// each in plain words, naming the range.
#pragma once

#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>

#include <fmt/format.h>

namespace irverify::cli {

// A finite decimal number in [lo, hi] ((lo, hi] if open_lo), `what` naming the range in messages: digits, '.', an
// exponent and signs only, so NaN, infinities, hex floats ("0x14") and trailing text are refused.
inline CLI::Validator decimal_in(double lo, double hi, bool open_lo, std::string what) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        const bool ok = !text.empty() && text.find_first_not_of("0123456789.eE+-") == std::string::npos &&
                        end == text.c_str() + text.size() && std::isfinite(v) && (open_lo ? v > lo : v >= lo) && v <= hi;
        return ok ? "" : "expected " + what + ", got '" + text + "'";
      },
      "NUMBER");
}
// A time or memory budget.
inline CLI::Validator positive_finite() {
  return decimal_in(0, std::numeric_limits<double>::max(), true, "a positive finite number");
}

// A decimal integer in [lo, hi], parsed exactly: digits only (no sign, space, exponent or hex); leading zeros are
// dropped, since the conversion after this would read "010" as octal 8. Integer validators are used as transforms
// (->transform), which may rewrite the text; ->check works on a copy.
inline CLI::Validator integer_in(long long lo, long long hi) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        long long v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || text[0] == '-' || ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi)
          return fmt::format("expected an integer from {} to {}, got '{}'", lo, hi, text);
        text = std::to_string(v);
        return "";
      },
      "INTEGER");
}

// A seed: a decimal integer from 1 to 2^64 - 1, parsed exactly (no sign, exponent or overflow).
inline CLI::Validator seed_range() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::uint64_t v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v == 0)
          return "expected an integer from 1 to 18446744073709551615 (2^64 - 1), got '" + text + "'";
        text = std::to_string(v);  // "010" is ten (the conversion after this would read it as octal 8)
        return "";
      },
      "SEED");
}

}  // namespace irverify::cli
