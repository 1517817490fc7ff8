// Checks of numeric command-line options on their text, before CLI11 converts it (issue 28, item 4): a conversion
// would saturate 2^64 to 2^64 - 1 and let NaN or infinity through; these refuse both, in plain words.
#pragma once

#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace irverify::cli {

// A positive finite decimal number (a time or memory budget): NaN, infinities, 0, negatives and trailing text refused.
inline CLI::Validator positive_finite() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v) || !(v > 0))
          return "expected a positive finite number, got '" + text + "'";
        return "";
      },
      "POSITIVE");
}

// A seed: a decimal integer from 1 to 2^64 - 1, parsed exactly (no sign, exponent or overflow).
inline CLI::Validator seed_range() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::uint64_t v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v == 0)
          return "expected an integer from 1 to 18446744073709551615 (2^64 - 1), got '" + text + "'";
        return "";
      },
      "SEED");
}

}  // namespace irverify::cli
