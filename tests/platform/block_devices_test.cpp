#include "platform/block_devices.h"

#include <gtest/gtest.h>

#include "test_support/temp_dir.h"

namespace image_agent {
namespace {

TEST(MountContaining, LongestMountPointWins) {
  const std::string mountinfo =
      "22 1 252:2 / / rw,relatime shared:1 - ext4 /dev/vda2 rw\n"
      "23 22 252:1 / /boot rw,relatime - vfat /dev/vda1 rw\n"
      "40 22 7:1 / /mnt/image rw - xfs /dev/loop1p1 rw\n"
      "41 40 0:50 / /mnt/image/proc rw - proc proc rw\n";
  std::optional<MountEntry> image = mount_containing(mountinfo, "/mnt/image");
  ASSERT_TRUE(image);
  EXPECT_EQ(image->major, 7U);
  EXPECT_EQ(image->minor, 1U);
  EXPECT_EQ(image->fstype, "xfs");
  EXPECT_EQ(image->source, "/dev/loop1p1");
  EXPECT_EQ(mount_containing(mountinfo, "/boot/grub")->fstype, "vfat");
  EXPECT_EQ(mount_containing(mountinfo, "/bootx")->mount_point, "/") << "a prefix must end at a '/'";
  EXPECT_EQ(mount_containing(mountinfo, "/mnt/image/proc")->fstype, "proc");
}

TEST(DiskSizeBytes, SectorsTimes512) {
  testing::TempDir sysfs;
  testing::write_file(sysfs / "block/vda/size", "83886080\n");
  EXPECT_EQ(disk_size_bytes(sysfs.path(), "vda"), uint64_t{83886080} * 512);
  EXPECT_FALSE(disk_size_bytes(sysfs.path(), "vdb"));
}

}  // namespace
}  // namespace image_agent
