#include "firstboot/plan.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <filesystem>

#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

using testing::read_file;
using testing::write_file;

class ApplyGroupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "etc/hostname", "old\n");
    write_file(dir_ / "etc/hosts", "127.0.0.1 localhost\n");
    Result<RootFs> fs = RootFs::open(dir_.path());
    ASSERT_TRUE(fs);
    fs_.emplace(std::move(*fs));
  }
  testing::TempDir dir_;
  std::optional<RootFs> fs_;
};

TEST_F(ApplyGroupTest, WritesChangedFilesAndCreatesDirectories) {
  GroupPlan plan{"dns",
                 {{FileChange::Kind::kWrite, "/etc/hostname", "new\n", 0644},
                  {FileChange::Kind::kWrite, "/etc/systemd/resolved.conf.d/90-x.conf", "[Resolve]\n", 0644}},
                 {},
                 false};
  Result<GroupResult> r = apply_group(*fs_, plan);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(read_file(dir_ / "etc/hostname"), "new\n");
  EXPECT_EQ(read_file(dir_ / "etc/systemd/resolved.conf.d/90-x.conf"), "[Resolve]\n");
  EXPECT_EQ(r->changed.size(), 2U);
}

TEST_F(ApplyGroupTest, IdenticalContentIsNotRewritten) {
  struct stat before {};
  ASSERT_EQ(::stat((dir_ / "etc/hostname").c_str(), &before), 0);
  GroupPlan plan{"hostname", {{FileChange::Kind::kWrite, "/etc/hostname", "old\n", 0644}}, {}, false};
  Result<GroupResult> r = apply_group(*fs_, plan);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->changed.empty());
  struct stat after {};
  ASSERT_EQ(::stat((dir_ / "etc/hostname").c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino) << "no rename happened";
  EXPECT_EQ(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
}

TEST_F(ApplyGroupTest, FailureRollsBackEarlierFilesOfTheGroup) {
  write_file(dir_ / "etc/blocker", "a regular file where a directory is needed");
  GroupPlan plan{"network",
                 {{FileChange::Kind::kWrite, "/etc/hostname", "new\n", 0644},
                  {FileChange::Kind::kWrite, "/etc/created-by-group", "x\n", 0644},
                  {FileChange::Kind::kWrite, "/etc/blocker/file", "y\n", 0644}},
                 {},
                 false};
  Result<GroupResult> r = apply_group(*fs_, plan);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("/etc/blocker"), std::string::npos) << r.error().message;
  EXPECT_EQ(read_file(dir_ / "etc/hostname"), "old\n");
  struct stat st {};
  EXPECT_NE(::stat((dir_ / "etc/created-by-group").c_str(), &st), 0) << "a file the group created is removed";
}

TEST_F(ApplyGroupTest, FailedDirectoryCreationKeepsASymlinkThatWasThere) {
  // /etc/hosts is a dangling link (its target lives on a tmpfs not mounted offline): the
  // group writes through it, then cannot create a directory. Rollback removes what the
  // group created, the link's target, and never the user's link.
  std::filesystem::remove(dir_ / "etc/hosts");
  std::filesystem::create_directories(dir_ / "run");
  std::filesystem::create_symlink("../run/hosts", dir_ / "etc/hosts");
  // A dangling link where a drop-in directory is needed: absent to read, but no mkdir.
  std::filesystem::create_symlink("../nowhere", dir_ / "etc/conf.d");
  GroupPlan plan{"hostname",
                 {{FileChange::Kind::kWrite, "/etc/hosts", "127.0.0.1 localhost new\n", 0644},
                  {FileChange::Kind::kWrite, "/etc/conf.d/file", "y\n", 0644}},
                 {},
                 false};
  Result<GroupResult> r = apply_group(*fs_, plan);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("mkdir /etc/conf.d"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("rollback"), std::string::npos) << r.error().message;
  ASSERT_TRUE(std::filesystem::is_symlink(dir_ / "etc/hosts")) << "the user's /etc/hosts was deleted";
  EXPECT_EQ(std::filesystem::read_symlink(dir_ / "etc/hosts"), "../run/hosts");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "run/hosts")) << "what the group created is gone";
}

TEST_F(ApplyGroupTest, FailingActionRollsBackFiles) {
  GroupPlan plan{"hostname",
                 {{FileChange::Kind::kWrite, "/etc/hostname", "new\n", 0644}},
                 {{"set the running host name",
                   []() -> Result<void> {
                     return Error{"sethostname: denied", EPERM};
                   }}},
                 false};
  Result<GroupResult> r = apply_group(*fs_, plan);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "set the running host name: sethostname: denied");
  EXPECT_EQ(read_file(dir_ / "etc/hostname"), "old\n");
}

TEST_F(ApplyGroupTest, RemoveIsSkippedWhenAbsent) {
  GroupPlan plan{"network",
                 {{FileChange::Kind::kRemove, "/etc/hosts", "", 0644},
                  {FileChange::Kind::kRemove, "/etc/none", "", 0644}},
                 {},
                 false};
  Result<GroupResult> r = apply_group(*fs_, plan);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->changed, (std::vector<std::string>{"/etc/hosts"}));
  EXPECT_EQ(r->unchanged, (std::vector<std::string>{"/etc/none"}));
}

// Setting a user's profile aside: the copy has its owner, mode and SELinux label, in a
// directory only root can read; then the original goes.
TEST_F(ApplyGroupTest, CopyKeepsOwnerModeAndLabelAndRemovalRollsBackWithThem) {
  const std::string profile = dir_ / "etc/NetworkManager/system-connections/Wired.nmconnection";
  if (::geteuid() != 0) GTEST_SKIP() << "SKIPPED: giving a file another group needs root";
  write_file(profile, "[connection]\ntype=ethernet\n", 0600);
  ASSERT_EQ(::chown(profile.c_str(), 0, 4), 0);
  const std::string label = "system_u:object_r:NetworkManager_etc_rw_t:s0";
  const bool labelled =
      ::setxattr(profile.c_str(), "security.selinux", label.c_str(), label.size() + 1, 0) == 0;
  const std::string displaced =
      "/var/lib/image-agent/displaced/etc/NetworkManager/system-connections/Wired.nmconnection";
  GroupPlan plan{
      "network",
      {{FileChange::Kind::kCopy, displaced, "/etc/NetworkManager/system-connections/Wired.nmconnection", 0},
       {FileChange::Kind::kRemove, "/etc/NetworkManager/system-connections/Wired.nmconnection", "", 0}},
      {},
      false};
  Result<GroupResult> r = apply_group(*fs_, plan);
  ASSERT_TRUE(r) << r.error().message;
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / displaced).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600U);
  EXPECT_EQ(st.st_gid, 4U);
  ASSERT_EQ(::stat((dir_ / "var/lib/image-agent/displaced").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700U) << "set-aside profiles may hold secrets";
  EXPECT_EQ(read_file(dir_ / displaced), "[connection]\ntype=ethernet\n");
  EXPECT_NE(::stat(profile.c_str(), &st), 0) << "the original is gone";
  if (labelled) {
    char buffer[256] = {};
    ssize_t n = ::getxattr((dir_ / displaced).c_str(), "security.selinux", buffer, sizeof buffer);
    ASSERT_GT(n, 0);
    EXPECT_EQ(std::string(buffer, static_cast<size_t>(n)), label + '\0');
  }

  // The same again, with a failing action: the original comes back as it was.
  std::filesystem::remove_all(dir_ / "var");
  write_file(profile, "[connection]\ntype=ethernet\n", 0600);
  ASSERT_EQ(::chown(profile.c_str(), 0, 4), 0);
  plan.actions.push_back({"reload NetworkManager", []() -> Result<void> { return Error{"denied", EPERM}; }});
  ASSERT_FALSE(apply_group(*fs_, plan));
  ASSERT_EQ(::stat(profile.c_str(), &st), 0) << "the removal is rolled back";
  EXPECT_EQ(st.st_mode & 07777, 0600U) << "with its mode (NM ignores keyfiles others can read)";
  EXPECT_EQ(st.st_gid, 4U);
  EXPECT_NE(::stat((dir_ / displaced).c_str(), &st), 0) << "the copy is removed";
}

TEST_F(ApplyGroupTest, RenderShowsDiffsAndActionsAndChangesNothing) {
  GroupPlan plan{"hostname",
                 {{FileChange::Kind::kWrite, "/etc/hostname", "new\n", 0644}},
                 {{"set the running host name to new", []() -> Result<void> { return {}; }}},
                 false};
  EXPECT_EQ(render_plan(*fs_, plan),
            "--- a/etc/hostname\n+++ b/etc/hostname\n@@ -1 +1 @@\n-old\n+new\n"
            "action: set the running host name to new\n");
  EXPECT_EQ(read_file(dir_ / "etc/hostname"), "old\n");
}

TEST(MaskShadowHashes, HidesEveryHashAndMarksTheNewOne) {
  const std::string before =
      "root:$6$salt$old:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\nu:$y$j9T$a$b:1::::::\n";
  const std::string after =
      "root:$6$salt2$new:20000:0:99999:7:::\nbin:*:19000:0:99999:7:::\nu:$y$j9T$a$b:1::::::\n";
  EXPECT_EQ(mask_shadow_hashes(before, nullptr),
            "root:<hash>:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\nu:<hash>:1::::::\n");
  EXPECT_EQ(mask_shadow_hashes(after, &before),
            "root:<new hash>:20000:0:99999:7:::\nbin:*:19000:0:99999:7:::\nu:<hash>:1::::::\n");
}

}  // namespace
}  // namespace image_agent::firstboot
