// Writes a whole file or nothing: the content goes to a new temporary file beside the target (created with O_EXCL under
// a random name, so never through a planted symbolic link), which is then renamed over it (rename is atomic on one
// file system). A failure (a bad path, a full disk) leaves any existing file as it was,
// never truncated, and throws std::runtime_error naming the path. A path that exists and is not a regular file (a
// symlink, a device, a FIFO, a directory) is refused, never replaced.
#pragma once

#include <string>

namespace irverify {

void write_atomically(const std::string& path, const std::string& content);
// Fails now, as write_atomically would later (std::runtime_error naming the path), before hours of work are spent:
// the folder is created if missing and must take a new file; an existing path must be a regular file.
void prepare_output(const std::string& path);

}  // namespace irverify
