#include "theory/io/atomic_write.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace irverify {

void write_atomically(const std::string& path, const std::string& content) {
  if (path.find('\0') != std::string::npos) throw std::runtime_error("cannot write: the file name contains a NUL character");
  const std::string tmp = fmt::format("{}.tmp-{}", path, static_cast<long>(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write (cannot create {})", path, tmp));
    out << content;
    out.flush();
    if (!out) {
      out.close();
      std::remove(tmp.c_str());
      throw std::runtime_error(fmt::format("{}: cannot write (writing {} failed)", path, tmp));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw std::runtime_error(fmt::format("{}: cannot write ({})", path, ec.message()));
  }
}

}  // namespace irverify
