// The safety rules of issue 7: symlinks are never followed out of the root or into
// another file, other file systems are not crossed unless asked, and a directory is only
// removed when sysprep emptied it itself.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "planted_root.h"
#include "platform/root_fs.h"
#include "sysprep/context.h"
#include "sysprep/registry.h"
#include "test_support/bind_mount.h"
#include "tree_snapshot.h"

namespace image_agent::sysprep::testing {
namespace {

using image_agent::testing::read_file;
using image_agent::testing::write_file;

const std::vector<std::string_view> kAllButUserAccounts{
    "ssh-host-keys", "machine-id",          "shell-history",
    "ssh-user-keys", "ssh-authorized-keys", "cloud-credentials",
    "logs",          "dhcp-leases",         "net-rules",
    "ifcfg-hwaddr",  "cloud-init-state",    "account-backups",
    "tmp-files",     "package-cache",       "random-seed"};

TEST(Safety, SymlinksOutOfTheRootOrToShadowLeaveTheirTargetsByteIdentical) {
  PlantedRoot root;
  // Lures pointing at the host's own /etc/shadow by its host path, and at a file outside.
  make_symlink("/etc/shadow", root / "/root/.mysql_history");
  make_symlink(root.outside_secret(), root / "/home/alice/.python_history");
  make_symlink(root.outside_secret(), root / "/var/log/outside.log");
  const std::string host_shadow = ::access("/etc/shadow", R_OK) == 0 ? read_file("/etc/shadow") : "";
  TreeSnapshot outside_before = snapshot_tree(root.dir() / "outside");

  Counts counts = run_operations(root.root(), kAllButUserAccounts);
  EXPECT_EQ(counts.failed, 0);
  EXPECT_EQ(read_file(root / "/etc/shadow"), PlantedRoot::kShadow);
  EXPECT_EQ(read_file(root.outside_secret()), "outside the root\n");
  EXPECT_EQ(snapshot_tree(root.dir() / "outside"), outside_before);
  if (!host_shadow.empty()) {
    EXPECT_EQ(read_file("/etc/shadow"), host_shadow);
  }
  // The lures in histories and keys are gone as links; the ones in /var/log are not logs.
  EXPECT_FALSE(std::filesystem::is_symlink(root / "/root/.mysql_history"));
  EXPECT_FALSE(std::filesystem::is_symlink(root / "/home/alice/.python_history"));
  EXPECT_FALSE(std::filesystem::is_symlink(root / "/home/bob/.ssh/id_ecdsa"));
  EXPECT_TRUE(std::filesystem::is_symlink(root / "/var/log/outside.log"));
  EXPECT_TRUE(std::filesystem::is_symlink(root / "/var/log/shadow.log"));
}

TEST(Safety, HardLinkedLogIsNotTruncated) {
  PlantedRoot root;
  ASSERT_EQ(::link((root / "/etc/shadow").c_str(), (root / "/var/log/shadow-copy.log").c_str()), 0);
  Counts counts = run_operations(root.root(), {"logs"});
  EXPECT_EQ(counts.skipped, 1);
  EXPECT_EQ(read_file(root / "/etc/shadow"), PlantedRoot::kShadow);
}

TEST(Safety, SymlinkedDirectoriesAreNotFollowed) {
  PlantedRoot root;
  // ~/.ssh pointing at /etc/ssh must not make host keys "private keys of root".
  std::filesystem::remove_all(root / "/root/.ssh");
  make_symlink("/etc/ssh", root / "/root/.ssh");
  // A /var/tmp that points at /etc must not empty /etc.
  std::filesystem::remove_all(root / "/var/tmp");
  make_symlink("/etc", root / "/var/tmp");
  TreeSnapshot etc_before = snapshot_tree(root / "/etc");
  Counts counts = run_operations(root.root(), {"ssh-user-keys", "tmp-files"});
  EXPECT_EQ(counts.failed, 0);
  EXPECT_EQ(snapshot_tree(root / "/etc"), etc_before);
  EXPECT_GE(counts.skipped, 2);
}

TEST(Safety, AFileSwappedAfterPlanningIsLeftAlone) {
  PlantedRoot root;
  Result<RootFs> fs = RootFs::open(root.root());
  ASSERT_TRUE(fs);
  Result<Context> context = Context::make(*fs, {});
  ASSERT_TRUE(context);
  Plan plan = find_operation("tmp-files")->plan(*context);
  // Between plan and apply, a planned file becomes a directory with something in it.
  std::filesystem::remove(root / "/tmp/download.tar");
  write_file(root / "/tmp/download.tar/keep", "keep\n");
  Outcome outcome = apply_plan(*fs, plan);
  EXPECT_EQ(outcome.counts.failed, 1);
  ASSERT_EQ(outcome.failures.size(), 1U);
  EXPECT_EQ(outcome.failures[0].message, "/tmp/download.tar: changed since it was planned; left alone");
  EXPECT_EQ(read_file(root / "/tmp/download.tar/keep"), "keep\n");
}

TEST(Safety, ABindMountMadeAfterPlanningIsNotActedOn) {
  // Between plan and apply /tmp/build becomes a mount point: the root's own directory
  // bound onto itself, so device and inode of every planned file still agree, yet the
  // path now reaches another mount (issue 15 #2).
  PlantedRoot root;
  // Before the root is opened: its descriptor must see the mount made later.
  if (std::string why = image_agent::testing::own_mount_namespace(); !why.empty()) GTEST_SKIP() << why;
  Result<RootFs> fs = RootFs::open(root.root());
  ASSERT_TRUE(fs);
  Result<Context> context = Context::make(*fs, {});
  ASSERT_TRUE(context);
  if (!context->root_mount()) GTEST_SKIP() << "this kernel tells no mount IDs (Linux < 3.15 or no /proc)";
  Plan plan = find_operation("tmp-files")->plan(*context);
  image_agent::testing::ScopedBindMount bind(root / "/tmp/build", root / "/tmp/build");
  if (!bind.skip_reason().empty()) GTEST_SKIP() << bind.skip_reason();
  Outcome outcome = apply_plan(*fs, plan);
  EXPECT_EQ(read_file(root / "/tmp/build/obj/a.o"), "obj\n");
  std::vector<std::string> messages;
  for (const Error& failure : outcome.failures) messages.push_back(failure.message);
  EXPECT_NE(std::find(messages.begin(), messages.end(),
                      "/tmp/build/obj/a.o: changed since it was planned; left alone"),
            messages.end());
  EXPECT_FALSE(std::filesystem::exists(root / "/tmp/download.tar")) << "the rest of /tmp still goes";
}

/// Mounts a tmpfs at `path` in this test process's own mount namespace, so nothing
/// outside the test sees it. Returns why it could not, or "".
std::string mount_tmpfs(const std::string& path) {
  if (std::string why = image_agent::testing::own_mount_namespace(); !why.empty()) return why;
  std::filesystem::create_directories(path);
  if (::mount("tmpfs", path.c_str(), "tmpfs", 0, "size=1m") != 0) {
    return std::string("mount tmpfs: ") + std::strerror(errno);
  }
  return "";
}

TEST(Safety, OtherFileSystemsAreCrossedOnlyWhenAsked) {
  PlantedRoot root;
  if (std::string why = mount_tmpfs(root / "/tmp/mnt"); !why.empty()) GTEST_SKIP() << why;
  if (std::string why = mount_tmpfs(root / "/home/carol"); !why.empty()) GTEST_SKIP() << why;
  write_file(root / "/tmp/mnt/inner/file", "on tmpfs\n");
  write_file(root / "/home/carol/.bash_history", "carol's\n");

  Counts counts = run_operations(root.root(), {"tmp-files", "shell-history"});
  EXPECT_EQ(counts.failed, 0);
  EXPECT_EQ(read_file(root / "/tmp/mnt/inner/file"), "on tmpfs\n");
  EXPECT_EQ(read_file(root / "/home/carol/.bash_history"), "carol's\n");
  EXPECT_FALSE(std::filesystem::exists(root / "/tmp/download.tar")) << "the rest of /tmp is cleaned";
  EXPECT_EQ(counts.skipped, 2) << "/tmp/mnt and the home /home/carol";

  counts = run_operations(root.root(), {"tmp-files", "shell-history"}, /*cross_mounts=*/true);
  EXPECT_EQ(counts.failed, 0);
  EXPECT_FALSE(std::filesystem::exists(root / "/tmp/mnt/inner"));
  EXPECT_FALSE(std::filesystem::exists(root / "/home/carol/.bash_history"));
  EXPECT_TRUE(std::filesystem::is_directory(root / "/tmp/mnt")) << "a mount point is emptied, never removed";
  ::umount2((root / "/tmp/mnt").c_str(), MNT_DETACH);
  ::umount2((root / "/home/carol").c_str(), MNT_DETACH);
}

TEST(Safety, DirectoryWithSomethingLeftIsKept) {
  PlantedRoot root;
  // A tree under /tmp holding a mount point: what sysprep could remove goes, the
  // directories on the way to the mount point stay.
  if (std::string why = mount_tmpfs(root / "/tmp/build/mnt"); !why.empty()) GTEST_SKIP() << why;
  run_operations(root.root(), {"tmp-files"});
  EXPECT_TRUE(std::filesystem::is_directory(root / "/tmp/build/mnt"));
  EXPECT_TRUE(std::filesystem::is_directory(root / "/tmp/build")) << "not emptied: kept";
  EXPECT_FALSE(std::filesystem::exists(root / "/tmp/build/obj")) << "what it emptied went";
  ::umount2((root / "/tmp/build/mnt").c_str(), MNT_DETACH);
}

}  // namespace
}  // namespace image_agent::sysprep::testing
