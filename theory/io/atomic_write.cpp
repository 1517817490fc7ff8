#include "theory/io/atomic_write.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace irverify {

namespace {
// Only a regular file is replaced: renaming over a symlink, a device (as root, /dev/null) or a FIFO would replace the
// link or the node itself.
void refuse_unless_new_or_regular(const std::string& path) {
  if (path.find('\0') != std::string::npos) throw std::runtime_error("cannot write: the file name contains a NUL character");
  std::error_code ec;
  const auto st = std::filesystem::symlink_status(path, ec);
  if (!ec && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st))
    throw std::runtime_error(fmt::format("{}: cannot write: it exists and is not a regular file ({}); name a new file",
                                         path, std::filesystem::is_symlink(st) ? "a symbolic link"
                                               : std::filesystem::is_directory(st) ? "a directory"
                                                                                    : "a device, FIFO or socket"));
}
}  // namespace

void prepare_output(const std::string& path) {
  refuse_unless_new_or_regular(path);
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("{}: cannot write: cannot create the folder {} ({})", path, dir.string(), ec.message()));
  const std::string probe = (dir / fmt::format(".irverify-probe-{}", static_cast<long>(::getpid()))).string();
  std::ofstream out(probe, std::ios::binary | std::ios::trunc);
  const bool ok = static_cast<bool>(out);
  out.close();
  std::remove(probe.c_str());
  if (!ok) throw std::runtime_error(fmt::format("{}: cannot write: the folder {} takes no new file", path, dir.empty() ? "." : dir.string()));
}

void write_atomically(const std::string& path, const std::string& content) {
  refuse_unless_new_or_regular(path);
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
