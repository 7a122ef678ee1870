#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

#include "platform/root_fs.h"
#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

using testing::list_dir;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

class RootFsReplaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<RootFs> fs = RootFs::open(dir_.path());
    ASSERT_TRUE(fs) << fs.error().message;
    fs_.emplace(std::move(*fs));
  }
  mode_t mode_of(const std::string& name) const {
    struct stat st {};
    EXPECT_EQ(::lstat((dir_ / name).c_str(), &st), 0);
    return st.st_mode & 07777;
  }

  TempDir dir_;
  std::optional<RootFs> fs_;
};

TEST_F(RootFsReplaceTest, ReplacesContentAndKeepsMode) {
  write_file(dir_ / "etc/shadow", "old\n", 0640);
  ASSERT_TRUE(fs_->replace_file("/etc/shadow", "new\n"));
  EXPECT_EQ(read_file(dir_ / "etc/shadow"), "new\n");
  EXPECT_EQ(mode_of("etc/shadow"), 0640);
  EXPECT_EQ(list_dir(dir_ / "etc"), "shadow") << "no temp file may be left behind";
}

TEST_F(RootFsReplaceTest, KeepsOwnerAndSetIdBits) {
  if (::geteuid() != 0) GTEST_SKIP() << "SKIPPED: changing a file's owner needs root";
  write_file(dir_ / "bin/tool", "old", 0755);
  ASSERT_EQ(::chown((dir_ / "bin/tool").c_str(), 1234, 5678), 0);
  ASSERT_EQ(::chmod((dir_ / "bin/tool").c_str(), 02755), 0);
  ASSERT_TRUE(fs_->replace_file("/bin/tool", "new"));
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "bin/tool").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 1234U);
  EXPECT_EQ(st.st_gid, 5678U);
  EXPECT_EQ(st.st_mode & 07777, 02755U) << "chown clears set-id bits; the mode must be set after it";
}

TEST_F(RootFsReplaceTest, KeepsSelinuxLabel) {
  write_file(dir_ / "etc/hostname", "old\n");
  const std::string label = "system_u:object_r:hostname_etc_t:s0";
  if (::setxattr((dir_ / "etc/hostname").c_str(), "security.selinux", label.c_str(), label.size() + 1, 0) !=
      0) {
    GTEST_SKIP() << "SKIPPED: cannot set security.selinux here (" << std::strerror(errno)
                 << "); needs root and a file system with security xattrs";
  }
  ASSERT_TRUE(fs_->replace_file("/etc/hostname", "new\n"));
  char buffer[256] = {};
  ssize_t n = ::getxattr((dir_ / "etc/hostname").c_str(), "security.selinux", buffer, sizeof buffer);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buffer, static_cast<size_t>(n)), label + '\0');
}

TEST_F(RootFsReplaceTest, FailedWriteLeavesOldFileIntactAndNoTempFile) {
  write_file(dir_ / "etc/passwd", "root:x:0:0:root:/root:/bin/bash\n", 0644);
  // A file-size limit makes write(2) fail with EFBIG part-way, as a full disk would.
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 8;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  Result<void> replaced = fs_->replace_file("/etc/passwd", std::string(100000, 'x'));
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);

  ASSERT_FALSE(replaced);
  EXPECT_NE(replaced.error().message.find("/etc/passwd"), std::string::npos) << replaced.error().message;
  EXPECT_NE(replaced.error().message.find("write"), std::string::npos) << replaced.error().message;
  EXPECT_EQ(read_file(dir_ / "etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
  EXPECT_EQ(list_dir(dir_ / "etc"), "passwd");
}

TEST_F(RootFsReplaceTest, CreatesMissingFileWithRequestedMode) {
  ::mkdir((dir_ / "etc").c_str(), 0755);
  ASSERT_TRUE(
      fs_->replace_file("/etc/new.conf", "a=b\n", {.mode = 0600, .uid = {}, .gid = {}, .selinux_label = {}}));
  EXPECT_EQ(read_file(dir_ / "etc/new.conf"), "a=b\n");
  EXPECT_EQ(mode_of("etc/new.conf"), 0600);
}

TEST_F(RootFsReplaceTest, FollowsSymlinkAndKeepsIt) {
  write_file(dir_ / "run/systemd/resolve/resolv.conf", "old\n");
  ::mkdir((dir_ / "etc").c_str(), 0755);
  ASSERT_EQ(::symlink("../run/systemd/resolve/resolv.conf", (dir_ / "etc/resolv.conf").c_str()), 0);
  ASSERT_TRUE(fs_->replace_file("/etc/resolv.conf", "new\n"));
  EXPECT_EQ(read_file(dir_ / "run/systemd/resolve/resolv.conf"), "new\n");
  struct stat st {};
  ASSERT_EQ(::lstat((dir_ / "etc/resolv.conf").c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
}

TEST_F(RootFsReplaceTest, RefusesToReplaceDirectory) {
  ::mkdir((dir_ / "etc").c_str(), 0755);
  Result<void> replaced = fs_->replace_file("/etc", "x");
  ASSERT_FALSE(replaced);
  EXPECT_NE(replaced.error().message.find("not a regular file"), std::string::npos)
      << replaced.error().message;
}

TEST_F(RootFsReplaceTest, MissingDirectoryIsAnError) {
  Result<void> replaced = fs_->replace_file("/nowhere/file", "x");
  ASSERT_FALSE(replaced);
  EXPECT_EQ(replaced.error().code, ENOENT);
}

}  // namespace
}  // namespace image_agent
