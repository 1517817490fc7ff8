#include "theory/io/atomic_write.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include <sys/stat.h>
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
// A new file beside `stem` (stem + 6 random characters), created with O_EXCL by mkstemp: never an existing file and
// never through a symbolic link planted at a predictable name. Returns its descriptor (-1 on failure) and its name.
int create_new_file(const std::string& stem, std::string& name) {
  name = stem + "XXXXXX";
  const int fd = ::mkstemp(name.data());
  if (fd >= 0) {  // mkstemp makes it 0600: give it the mode a plain create would (0666 less the umask)
    static const mode_t mask = [] { const mode_t m = ::umask(0); ::umask(m); return m; }();
    ::fchmod(fd, 0666 & ~mask);
  }
  return fd;
}

bool write_all(int fd, const std::string& content) {
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

void prepare_output(const std::string& path) {
  refuse_unless_new_or_regular(path);
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("{}: cannot write: cannot create the folder {} ({})", path, dir.string(), ec.message()));
  std::string probe;
  const int fd = create_new_file((dir / ".irverify-probe-").string(), probe);
  if (fd < 0) throw std::runtime_error(fmt::format("{}: cannot write: the folder {} takes no new file", path, dir.empty() ? "." : dir.string()));
  ::close(fd);
  ::unlink(probe.c_str());
}

void write_atomically(const std::string& path, const std::string& content) {
  refuse_unless_new_or_regular(path);
  std::string tmp;
  const int fd = create_new_file(path + ".tmp-", tmp);
  if (fd < 0) throw std::runtime_error(fmt::format("{}: cannot write (cannot create a new file beside it: {})", path, std::strerror(errno)));
  const bool written = write_all(fd, content);
  if (::close(fd) != 0 || !written) {
    ::unlink(tmp.c_str());
    throw std::runtime_error(fmt::format("{}: cannot write (writing {} failed)", path, tmp));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    ::unlink(tmp.c_str());
    throw std::runtime_error(fmt::format("{}: cannot write ({})", path, ec.message()));
  }
}

}  // namespace irverify
