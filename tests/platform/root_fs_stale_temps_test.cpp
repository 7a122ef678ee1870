// RootFs::replace_file and the temp files a killed run left (issue 15 #6): a run killed
// between creating ".NAME.image-agent-XXXXXXXX" and renaming it leaves the temp file, for
// /etc/shadow holding the new hash. The next write of NAME removes exactly those, and
// nothing else: not another file's, not a link, not one with other names, not one a live
// writer still holds.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include "platform/root_fs.h"
#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

using testing::list_dir;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

constexpr const char* kNewShadow = "root:$6$salt$newhash:20000:0:99999:7:::\n";

RootFs open_root(const TempDir& dir) {
  Result<RootFs> fs = RootFs::open(dir.path());
  if (!fs) throw std::runtime_error(fs.error().message);
  return std::move(*fs);
}

TEST(RootFsStaleTemps, WritingAFileRemovesTheTempFilesAKilledWriteOfItLeft) {
  TempDir dir;
  write_file(dir / "etc/shadow", "root:*:19000:0:99999:7:::\n", 0640);
  write_file(dir / "etc/.shadow.image-agent-0123abcd", kNewShadow, 0600);
  write_file(dir / "etc/.shadow.image-agent-ffffffff", "root:$6$", 0640);
  RootFs fs = open_root(dir);

  ASSERT_TRUE(fs.replace_file("/etc/shadow", kNewShadow));
  EXPECT_EQ(list_dir(dir / "etc"), "shadow") << "a killed run's temp file outlived the next write";
  EXPECT_EQ(read_file(dir / "etc/shadow"), kNewShadow);
}

TEST(RootFsStaleTemps, LeavesWhatIsNotExactlyOurTempOfThatFile) {
  TempDir dir;
  write_file(dir / "etc/shadow", "old\n", 0640);
  write_file(dir / "outside", "not ours\n");
  const std::vector<std::string> kept{
      ".hosts.image-agent-0123abcd",       // another file's: its own write removes it
      ".shadow.image-agent-0123abc",       // seven digits
      ".shadow.image-agent-0123abcde",     // nine
      ".shadow.image-agent-0123ABCD",      // upper case: not what we make
      ".shadow.image-agent-0123abcd.bak",  // more after it
      "shadow.image-agent-0123abcd",       // no leading dot
  };
  for (const std::string& name : kept) write_file(dir / ("etc/" + name), "x\n", 0600);
  // Our exact pattern, but a symlink (never followed, never removed), a directory, and a
  // file with a second name (removing a name another file shares is not our business).
  ASSERT_EQ(::symlink("../outside", (dir / "etc/.shadow.image-agent-11111111").c_str()), 0);
  ASSERT_EQ(::mkdir((dir / "etc/.shadow.image-agent-22222222").c_str(), 0700), 0);
  ASSERT_EQ(::link((dir / "outside").c_str(), (dir / "etc/.shadow.image-agent-33333333").c_str()), 0);
  RootFs fs = open_root(dir);

  ASSERT_TRUE(fs.replace_file("/etc/shadow", "new\n"));
  EXPECT_EQ(list_dir(dir / "etc"),
            ".hosts.image-agent-0123abcd .shadow.image-agent-0123ABCD .shadow.image-agent-0123abc "
            ".shadow.image-agent-0123abcd.bak .shadow.image-agent-0123abcde .shadow.image-agent-11111111 "
            ".shadow.image-agent-22222222 .shadow.image-agent-33333333 shadow shadow.image-agent-0123abcd");
  EXPECT_EQ(read_file(dir / "outside"), "not ours\n");
}

TEST(RootFsStaleTemps, LeavesATempFileAWriterStillHolds) {
  TempDir dir;
  write_file(dir / "etc/hostname", "old\n");
  write_file(dir / "etc/.hostname.image-agent-89abcdef", "in progress\n", 0600);
  // What a live writer does with its temp file until the rename: hold its flock.
  int held = ::open((dir / "etc/.hostname.image-agent-89abcdef").c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX), 0);
  RootFs fs = open_root(dir);

  ASSERT_TRUE(fs.replace_file("/etc/hostname", "new\n"));
  ::close(held);
  EXPECT_EQ(list_dir(dir / "etc"), ".hostname.image-agent-89abcdef hostname");
}

}  // namespace
}  // namespace image_agent
