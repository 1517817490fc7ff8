// Writes a whole file or nothing: the content goes to a temporary file beside the target, which is then renamed over
// it (rename is atomic on one file system). A failure (a bad path, a full disk) leaves any existing file as it was,
// never truncated, and throws std::runtime_error naming the path.
#pragma once

#include <string>

namespace irverify {

void write_atomically(const std::string& path, const std::string& content);

}  // namespace irverify
