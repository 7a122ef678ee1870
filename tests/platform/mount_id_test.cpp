// Mount IDs (issue 15 #2): a bind mount of the same file system has the same st_dev as
// the directory it is mounted in, but a mount ID of its own; sysprep tells them apart by it.
#include "platform/mount_id.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <optional>

#include "platform/root_fs.h"
#include "platform/unique_fd.h"
#include "test_support/bind_mount.h"
#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

using testing::ScopedBindMount;
using testing::TempDir;
using testing::write_file;

UniqueFd open_path(const std::string& path) {
  return UniqueFd(::open(path.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
}

dev_t device_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_dev;
}

TEST(MountId, SameMountSameIdFromEitherSource) {
  TempDir dir;
  write_file(dir / "sub/file", "x\n");
  std::filesystem::create_symlink("/nonexistent", dir / "link");
  UniqueFd top = open_path(dir.path());
  ASSERT_TRUE(top.valid());
  std::optional<uint64_t> id = mount_id(top.get());
  ASSERT_TRUE(id) << "this kernel (Linux >= 3.15 with /proc) tells mount IDs";
  for (const std::string& path : {dir / "sub", dir / "sub/file", dir / "link"}) {
    UniqueFd fd = open_path(path);
    ASSERT_TRUE(fd.valid()) << path;
    EXPECT_EQ(mount_id(fd.get()), id) << path;
    // Both sources give the same (kernel-wide) ID, so a fallback never mixes numberings.
    if (std::optional<uint64_t> from_statx = mount_id_from_statx(fd.get())) {
      EXPECT_EQ(from_statx, id) << path;
    }
    EXPECT_EQ(mount_id_from_fdinfo(fd.get()), id) << path;
  }
}

TEST(MountId, NoneForAClosedDescriptor) {
  EXPECT_FALSE(mount_id_from_statx(-1));
  EXPECT_FALSE(mount_id_from_fdinfo(-1));
  EXPECT_FALSE(mount_id(-1));
}

TEST(MountId, BindMountOfTheSameFileSystemHasItsOwnId) {
  TempDir dir;
  write_file(dir / "host/file", "host\n");
  std::filesystem::create_directories(dir / "root/tmp/bound");
  ScopedBindMount bind(dir / "host", dir / "root/tmp/bound");
  if (!bind.skip_reason().empty()) GTEST_SKIP() << bind.skip_reason();

  // What sysprep compared before: the device, which a bind mount does not change.
  EXPECT_EQ(device_of(dir / "root/tmp/bound/file"), device_of(dir / "root/tmp"));

  UniqueFd parent = open_path(dir / "root/tmp");
  UniqueFd bound = open_path(dir / "root/tmp/bound");
  UniqueFd inside = open_path(dir / "root/tmp/bound/file");
  ASSERT_TRUE(parent.valid() && bound.valid() && inside.valid());
  EXPECT_NE(mount_id(bound.get()), mount_id(parent.get()));
  EXPECT_EQ(mount_id(inside.get()), mount_id(bound.get()));
  EXPECT_NE(mount_id_from_fdinfo(bound.get()), mount_id_from_fdinfo(parent.get()));
  if (mount_id_from_statx(parent.get())) {
    EXPECT_NE(mount_id_from_statx(bound.get()), mount_id_from_statx(parent.get()));
  }

  // The same through RootFs, as sysprep asks: a mount point (not followed as a link, but
  // entered as a mount) names the mount on it.
  Result<RootFs> fs = RootFs::open(dir / "root");
  ASSERT_TRUE(fs);
  Result<std::optional<uint64_t>> root = fs->mount_id("/");
  Result<std::optional<uint64_t>> tmp = fs->mount_id("/tmp", Follow::kNo);
  Result<std::optional<uint64_t>> mount_point = fs->mount_id("/tmp/bound", Follow::kNo);
  Result<std::optional<uint64_t>> file = fs->mount_id("/tmp/bound/file", Follow::kNo);
  ASSERT_TRUE(root && tmp && mount_point && file);
  EXPECT_EQ(*tmp, *root);
  EXPECT_NE(*mount_point, *root);
  EXPECT_EQ(*file, *mount_point);
}

}  // namespace
}  // namespace image_agent
