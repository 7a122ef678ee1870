#include "platform/root_fs.h"

#include <gtest/gtest.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

using testing::TempDir;
using testing::write_file;

class RootFsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "etc/os-release", "ID=debian\n");
    write_file(dir_ / "etc/b.conf", "b");
    ::symlink("os-release", (dir_ / "etc/a-link").c_str());
    ::symlink("/missing", (dir_ / "etc/dangling").c_str());
    ::mkdir((dir_ / "etc/c.d").c_str(), 0755);
    Result<RootFs> fs = RootFs::open(dir_.path());
    ASSERT_TRUE(fs) << fs.error().message;
    fs_.emplace(std::move(*fs));
  }
  TempDir dir_;
  std::optional<RootFs> fs_;
};

TEST_F(RootFsTest, ReadsFilesByGuestPath) {
  EXPECT_EQ(*fs_->read_file("/etc/os-release"), "ID=debian\n");
  EXPECT_EQ(*fs_->read_file("etc/os-release"), "ID=debian\n");
  EXPECT_EQ(*fs_->read_file("/etc/a-link"), "ID=debian\n");
}

TEST_F(RootFsTest, ReadErrorsNameTheGuestPath) {
  Result<std::string> missing = fs_->read_file("/etc/nothing");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ENOENT);
  EXPECT_NE(missing.error().message.find("/etc/nothing"), std::string::npos) << missing.error().message;
  EXPECT_EQ(fs_->read_file("/etc/c.d").error().code, EISDIR);
}

TEST_F(RootFsTest, ReadRefusesMoreThanTheLimit) {
  Result<std::string> content = fs_->read_file("/etc/os-release", 4);
  ASSERT_FALSE(content);
  EXPECT_EQ(content.error().code, EFBIG);
}

TEST_F(RootFsTest, ReadOfFifoFailsInsteadOfHanging) {
  ASSERT_EQ(::mkfifo((dir_ / "etc/fifo").c_str(), 0644), 0);
  Result<std::string> content = fs_->read_file("/etc/fifo");
  ASSERT_FALSE(content);
  EXPECT_EQ(content.error().code, EINVAL);
}

TEST_F(RootFsTest, DeviceNodesAndFifosAreNeverOpened) {
  // An image mounted without nodev: opening its device nodes would act on the host's
  // devices. inotify sees every open but an O_PATH one.
  ASSERT_EQ(::mknod((dir_ / "etc/null").c_str(), S_IFCHR | 0644, ::makedev(1, 3)), 0);
  ASSERT_EQ(::mkfifo((dir_ / "etc/fifo").c_str(), 0644), 0);
  const int watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  ASSERT_GE(watch, 0);
  ASSERT_GE(::inotify_add_watch(watch, (dir_ / "etc/null").c_str(), IN_OPEN), 0);
  ASSERT_GE(::inotify_add_watch(watch, (dir_ / "etc/fifo").c_str(), IN_OPEN), 0);
  for (const char* path : {"/etc/null", "/etc/fifo"}) {
    EXPECT_EQ(fs_->read_file(path).error().code, EINVAL) << path;
    EXPECT_EQ(fs_->read_head(path, 64).error().code, EINVAL) << path;
  }
  char events[4096];
  EXPECT_LT(::read(watch, events, sizeof events), 0) << "a device node or FIFO was opened";
  ::close(watch);
}

TEST_F(RootFsTest, ReadHeadGivesAtMostItsSize) {
  EXPECT_EQ(fs_->read_head("/etc/os-release", 3).value(), fs_->read_file("/etc/os-release")->substr(0, 3));
  EXPECT_EQ(fs_->read_head("/etc/os-release", 1 << 20).value(), *fs_->read_file("/etc/os-release"));
}

TEST_F(RootFsTest, ListsEntriesSortedWithTheirOwnTypes) {
  Result<std::vector<DirEntry>> entries = fs_->list("/etc");
  ASSERT_TRUE(entries) << entries.error().message;
  std::vector<std::string> names;
  for (const DirEntry& e : *entries) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a-link", "b.conf", "c.d", "dangling", "os-release"}));
  EXPECT_EQ((*entries)[0].type, static_cast<mode_t>(S_IFLNK));
  EXPECT_EQ((*entries)[1].type, static_cast<mode_t>(S_IFREG));
  EXPECT_EQ((*entries)[2].type, static_cast<mode_t>(S_IFDIR));
}

TEST_F(RootFsTest, StatFollowsOrNot) {
  EXPECT_TRUE(S_ISREG(fs_->stat("/etc/a-link")->st_mode));
  EXPECT_TRUE(S_ISLNK(fs_->stat("/etc/a-link", Follow::kNo)->st_mode));
  EXPECT_TRUE(S_ISDIR(fs_->stat("/")->st_mode));
}

TEST_F(RootFsTest, ExistsIsFalseForDanglingLinks) {
  EXPECT_TRUE(fs_->exists("/etc/os-release"));
  EXPECT_TRUE(fs_->exists("/etc"));
  EXPECT_FALSE(fs_->exists("/etc/dangling"));
  EXPECT_FALSE(fs_->exists("/etc/nothing"));
  EXPECT_EQ(*fs_->read_link("/etc/dangling"), "/missing");
}

TEST_F(RootFsTest, MakeDirsCreatesEveryMissingLevel) {
  ASSERT_TRUE(fs_->make_dirs("/etc/NetworkManager/system-connections", 0700));
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "etc/NetworkManager/system-connections").c_str(), &st), 0);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
  EXPECT_TRUE(fs_->make_dirs("/etc/NetworkManager/system-connections")) << "existing is fine";
  Result<void> through_file = fs_->make_dirs("/etc/b.conf/x");
  ASSERT_FALSE(through_file);
}

TEST_F(RootFsTest, RemoveTakesFilesLinksAndEmptyDirectories) {
  EXPECT_TRUE(*fs_->remove("/etc/a-link"));
  EXPECT_TRUE(fs_->exists("/etc/os-release"));
  EXPECT_TRUE(*fs_->remove("/etc/b.conf"));
  EXPECT_TRUE(*fs_->remove("/etc/c.d"));
  EXPECT_FALSE(*fs_->remove("/etc/c.d")) << "nothing left to remove";
  EXPECT_FALSE(*fs_->remove("/no/such/dir/file"));
  Result<bool> non_empty = fs_->remove("/etc");
  ASSERT_FALSE(non_empty);
  EXPECT_EQ(non_empty.error().code, ENOTEMPTY);
}

TEST_F(RootFsTest, HostPathJoinsRootAndGuestPath) {
  EXPECT_EQ(fs_->host_path("/etc/shadow"), dir_ / "etc/shadow");
  EXPECT_EQ(fs_->host_path("etc/shadow"), dir_ / "etc/shadow");
  EXPECT_EQ(RootFs::open("/")->host_path("etc/shadow"), "/etc/shadow");
}

TEST_F(RootFsTest, HostRootIsTheLiveSystemWhateverItsName) {
  EXPECT_FALSE(fs_->is_host_root());
  EXPECT_TRUE(RootFs::open("/")->is_host_root());
  EXPECT_TRUE(RootFs::open("/etc/..")->is_host_root());
}

TEST_F(RootFsTest, OpeningMissingRootFails) {
  Result<RootFs> fs = RootFs::open(dir_ / "no-such-root");
  ASSERT_FALSE(fs);
  EXPECT_NE(fs.error().message.find("no-such-root"), std::string::npos);
}

}  // namespace
}  // namespace image_agent
