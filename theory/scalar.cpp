#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace irverify {

namespace {
bool looks_numeric(const std::string& t) {
  // Accepts [sign] digits [. digits] [e|E [sign] digits]; rejects inf/nan/hex.
  std::size_t i = 0, n = t.size();
  if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; ++digits; }
  if (i < n && t[i] == '.') {
    ++i;
    while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; ++digits; }
  }
  if (digits == 0) return false;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    std::size_t ed = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; ++ed; }
    if (ed == 0) return false;
  }
  return i == n;
}
}  // namespace

int scalar_index(const std::string& name) {
  const auto& n = scalar_names();
  const auto it = std::find(n.begin(), n.end(), name);
  if (it == n.end()) throw std::invalid_argument(fmt::format("unknown precision '{}' (known: {})", name, fmt::join(n, ", ")));
  return static_cast<int>(it - n.begin());
}

template <class Scalar> Scalar parse_scalar(const std::string& text) {
  if (!looks_numeric(text))  // quoted up to 40 bytes: a message never echoes a whole line of some file
    throw std::invalid_argument("'" + (text.size() > 40 ? text.substr(0, 40) + "...'" : text + "'") + " is not a finite decimal number");
  Scalar x;
  if constexpr (std::is_same_v<Scalar, double>) {
    x = std::strtod(text.c_str(), nullptr);
  } else {
    x = Scalar(text);
  }
  using std::isfinite;
  using boost::multiprecision::isfinite;
  if (!isfinite(x)) throw std::invalid_argument("'" + text + "' overflows " + scalar_name<Scalar>());
  return x;
}

template <class Scalar> std::string to_string_full(const Scalar& x) {
  std::ostringstream os;
  os.precision(scalar_traits<Scalar>::max_digits10());
  os << x;
  return os.str();
}

#define IRVERIFY_INST(S) \
  template S parse_scalar<S>(const std::string&); \
  template std::string to_string_full<S>(const S&);
IRVERIFY_FOR_EACH_SCALAR(IRVERIFY_INST)
#undef IRVERIFY_INST

}  // namespace irverify
