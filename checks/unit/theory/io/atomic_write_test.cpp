// theory/io/atomic_write.hpp: a file is written whole or not at all; a failed write leaves the existing file as it
// was (never truncated first) and no temporary behind, and throws naming the path.
#include "theory/io/atomic_write.hpp"

#include "checks/unit/scratch.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

using namespace irverify;

// A failed write leaves the existing file whole: never truncated first.
TEST(AtomicWrite, FailureLeavesTheOldFileWhole) {
  const auto path = unit_scratch("record.json");
  write_atomically(path.string(), "old content\n");
  EXPECT_THROW(write_atomically((path.parent_path() / "no-such-dir" / "x.json").string(), "new"), std::runtime_error);
  EXPECT_THROW(write_atomically(path.string() + std::string(1, '\0') + "x", "new"), std::runtime_error);
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "old content");
  write_atomically(path.string(), "new content\n");
  std::ifstream in2(path);
  std::getline(in2, line);
  EXPECT_EQ(line, "new content");
  for (const auto& e : std::filesystem::directory_iterator(path.parent_path()))  // no temporary left behind
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << e.path();
}

TEST(AtomicWrite, ContentIsWrittenExactlyAndTheErrorNamesThePath) {
  const auto path = unit_scratch("bytes.bin");
  const std::string content = std::string("a\0b\r\nc", 6) + std::string(100000, 'x');
  write_atomically(path.string(), content);
  std::ifstream in(path, std::ios::binary);
  const std::string back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(back, content);
  const std::string bad = (path.parent_path() / "missing" / "out.json").string();
  try {
    write_atomically(bad, "x");
    FAIL() << "wrote into a missing directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
  }
}
