// A scratch directory of this test process under the system's temporary directory (made if missing), and a path in it.
#pragma once

#include <filesystem>
#include <string>

#include <unistd.h>

namespace irverify {

inline std::filesystem::path unit_scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("irverify-unit-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

}  // namespace irverify
