// GoogleTest parameter names from model kinds ("two-layer-tanh" -> "two_layer_tanh").
#pragma once

#include <string>

namespace irverify {
struct ModelName {
  template <class Info> std::string operator()(const Info& info) const {
    std::string s = info.param;
    for (auto& ch : s)
      if (ch == '-') ch = '_';
    return s;
  }
};
}  // namespace irverify
