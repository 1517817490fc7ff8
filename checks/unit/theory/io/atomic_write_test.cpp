// theory/io/atomic_write.hpp: a file is written whole or not at all; a failed write leaves the existing file as it
// was (never truncated first) and no temporary behind, and throws naming the path.
#include "theory/io/atomic_write.hpp"

#include "checks/unit/scratch.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <sys/stat.h>
#include <unistd.h>

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

// Only a regular file is replaced: a symlink (and what it points to), a FIFO and a directory are left as they were.
TEST(AtomicWrite, RefusesEveryTargetThatIsNotARegularFile) {
  namespace fs = std::filesystem;
  const auto target = unit_scratch("kept.txt"), link = unit_scratch("link.json"), fifo = unit_scratch("pipe.json"),
             dir = unit_scratch("a-directory.json");
  write_atomically(target.string(), "kept\n");
  fs::remove(link);
  fs::create_symlink(target, link);
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  fs::create_directories(dir);
  for (const auto& p : {link, fifo, dir}) {
    try {
      write_atomically(p.string(), "new\n");
      FAIL() << "replaced " << p;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("is not a regular file"), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_TRUE(fs::is_directory(dir));
  std::ifstream in(target);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "kept");
}

// prepare_output fails as a later write would: a missing folder is created, one under a file cannot be, and a symlink
// target is refused; the probe it writes leaves nothing behind.
TEST(AtomicWrite, PrepareOutputFailsNowWhereTheWriteWouldFailLater) {
  namespace fs = std::filesystem;
  const auto base = unit_scratch("prepare");
  fs::remove_all(base);
  prepare_output((base / "a" / "b" / "IGR-1.json").string());
  EXPECT_TRUE(fs::is_directory(base / "a" / "b"));
  EXPECT_TRUE(fs::is_empty(base / "a" / "b"));
  write_atomically((base / "file").string(), "x");
  EXPECT_THROW(prepare_output((base / "file" / "IGR-1.json").string()), std::runtime_error);
  fs::create_symlink(base / "file", base / "link.json");
  EXPECT_THROW(prepare_output((base / "link.json").string()), std::runtime_error);
}

// Temporary and probe files are new files under random names (O_EXCL): symbolic links planted at the names the old
// code used (<path>.tmp-<pid>, .irverify-probe-<pid>) are never written through.
TEST(AtomicWrite, PlantedLinksAtTemporaryNamesAreNotFollowed) {
  namespace fs = std::filesystem;
  const auto base = unit_scratch("planted");
  fs::remove_all(base);
  fs::create_directories(base / "out");
  write_atomically((base / "victim").string(), "KEEP ME\n");
  const long pid = static_cast<long>(::getpid());
  fs::create_symlink(base / "victim", base / "out" / ("R.json.tmp-" + std::to_string(pid)));
  fs::create_symlink(base / "victim", base / "out" / (".irverify-probe-" + std::to_string(pid)));
  prepare_output((base / "out" / "R.json").string());
  write_atomically((base / "out" / "R.json").string(), "record\n");
  std::ifstream in(base / "victim");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "KEEP ME");
  const auto perms = fs::status(base / "out" / "R.json").permissions();
  EXPECT_NE(perms & fs::perms::owner_read, fs::perms::none);  // the mode a plain create gives (0666 less the umask)
}
