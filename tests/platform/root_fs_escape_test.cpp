// Every way a guest path could reach outside the root: each must stay inside, with both
// resolvers (openat2 and the userspace walk used on kernels before 5.6).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/root_fs.h"
#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

using testing::read_file;
using testing::TempDir;
using testing::write_file;

constexpr const char* kHostSecret = "host secret: must never be read or written";
constexpr const char* kDecoy = "decoy inside the root";

class RootFsEscapeTest : public ::testing::TestWithParam<ResolveMethod> {
 protected:
  void SetUp() override {
    write_file(outside_ / "secret", kHostSecret);
    write_file(outside_ / "root/secret", kDecoy);
    ::mkdir((outside_ / "root/etc").c_str(), 0755);
    Result<RootFs> fs = RootFs::open(root(), GetParam());
    ASSERT_TRUE(fs) << fs.error().message;
    if (GetParam() == ResolveMethod::kOpenat2 && fs->resolve_method() != ResolveMethod::kOpenat2) {
      GTEST_SKIP() << "SKIPPED: this kernel has no openat2 (Linux < 5.6); the userspace cases still run";
    }
    fs_.emplace(std::move(*fs));
  }

  std::string root() const { return outside_ / "root"; }
  void link(const std::string& target, const std::string& name) const {
    ASSERT_EQ(::symlink(target.c_str(), (outside_ / ("root/" + name)).c_str()), 0) << name;
  }
  /// Reads `path` in the guest: it must be the decoy or fail, never the host secret.
  void expect_stays_inside(const std::string& path, bool expect_decoy) const {
    Result<std::string> content = fs_->read_file(path);
    if (expect_decoy) {
      ASSERT_TRUE(content) << path << ": " << content.error().message;
      EXPECT_EQ(*content, kDecoy) << path;
    } else {
      ASSERT_FALSE(content) << path << " resolved to: " << *content;
    }
  }

  TempDir outside_;
  std::optional<RootFs> fs_;
};

TEST_P(RootFsEscapeTest, AbsoluteSymlinkResolvesInsideRoot) {
  link("/secret", "abs");
  expect_stays_inside("/abs", true);
}

TEST_P(RootFsEscapeTest, AbsoluteSymlinkToHostPathFindsNothing) {
  link(outside_ / "secret", "host");
  expect_stays_inside("/host", false);
}

TEST_P(RootFsEscapeTest, RelativeSymlinkCannotClimbAboveRoot) {
  link("../secret", "rel");
  link("../../../../../../../../secret", "deep");
  expect_stays_inside("/rel", true);
  expect_stays_inside("/deep", true);
}

TEST_P(RootFsEscapeTest, SymlinkedDirectoryInMiddleOfPathStaysInside) {
  link("..", "parent");
  link(outside_.path(), "outer");
  link("/etc/../..", "dotdot");
  expect_stays_inside("/parent/secret", true);
  expect_stays_inside("/outer/secret", false);
  expect_stays_inside("/dotdot/secret", true);
  expect_stays_inside("/etc/../../../secret", false);  // lexical climb: refused outright
}

TEST_P(RootFsEscapeTest, ChainOfSymlinksStaysInside) {
  link("b", "a");
  link("etc/c", "b");
  link("../../../secret", "etc/c");
  expect_stays_inside("/a", true);
}

TEST_P(RootFsEscapeTest, CallerPathClimbingAboveRootIsRefused) {
  for (const char* path : {"../secret", "/../secret", "etc/../../secret", "./.././secret"}) {
    Result<std::string> content = fs_->read_file(path);
    ASSERT_FALSE(content) << path;
    EXPECT_EQ(content.error().code, EXDEV) << path;
  }
  EXPECT_FALSE(fs_->replace_file("../secret", "x"));
  EXPECT_FALSE(fs_->remove("../secret"));
  EXPECT_FALSE(fs_->make_dirs("../newdir"));
  EXPECT_EQ(read_file(outside_ / "secret"), kHostSecret);
}

TEST_P(RootFsEscapeTest, SymlinkLoopFailsWithEloop) {
  link("loop2", "loop1");
  link("loop1", "loop2");
  Result<std::string> content = fs_->read_file("/loop1");
  ASSERT_FALSE(content);
  EXPECT_EQ(content.error().code, ELOOP);
}

TEST_P(RootFsEscapeTest, ReplaceThroughEscapingSymlinkWritesInsideRoot) {
  link("../../../secret", "etc/resolv.conf");
  link(outside_ / "secret", "etc/hostname");
  ASSERT_TRUE(fs_->replace_file("/etc/resolv.conf", "nameserver 10.0.2.3\n"));
  EXPECT_EQ(read_file(outside_ / "root/secret"), "nameserver 10.0.2.3\n");
  // The host path does not exist in the guest: its directory is missing, so it fails.
  EXPECT_FALSE(fs_->replace_file("/etc/hostname", "x"));
  EXPECT_EQ(read_file(outside_ / "secret"), kHostSecret);
  struct stat st {};
  ASSERT_EQ(::lstat((outside_ / "root/etc/resolv.conf").c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode)) << "the link itself must survive";
}

TEST_P(RootFsEscapeTest, MakeDirsThroughEscapingSymlinkCreatesNothingOutside) {
  link(outside_.path(), "outer");
  EXPECT_FALSE(fs_->make_dirs("/outer/newdir"));
  struct stat st {};
  EXPECT_NE(::stat((outside_ / "newdir").c_str(), &st), 0);
}

TEST_P(RootFsEscapeTest, RemoveTakesTheLinkNotItsTarget) {
  link("/secret", "abs");
  link(outside_ / "secret", "host");
  EXPECT_TRUE(*fs_->remove("/abs"));
  EXPECT_TRUE(*fs_->remove("/host"));
  EXPECT_EQ(read_file(outside_ / "root/secret"), kDecoy);
  EXPECT_EQ(read_file(outside_ / "secret"), kHostSecret);
}

TEST_P(RootFsEscapeTest, MagicLinksAreNotFollowed) {
  // /proc/self/root of the host is "/": following it would leave the root.
  link("/proc/self/root/" + outside_.path().substr(1) + "/secret", "magic");
  expect_stays_inside("/magic", false);
}

INSTANTIATE_TEST_SUITE_P(BothResolvers, RootFsEscapeTest,
                         ::testing::Values(ResolveMethod::kOpenat2, ResolveMethod::kUserspace),
                         [](const ::testing::TestParamInfo<ResolveMethod>& param_info) {
                           return param_info.param == ResolveMethod::kOpenat2 ? std::string("Openat2")
                                                                              : std::string("Userspace");
                         });

}  // namespace
}  // namespace image_agent
