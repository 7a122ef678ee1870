#include "firstboot/locate.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "platform/process.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot {
namespace {

namespace fs = std::filesystem;
using testing::write_file;

/// A sysfs shaped like the kernel's: /sys/block/X -> devices/.../block/X, partitions as
/// subdirectories with "partition" and "dev", /sys/dev/block/M:m -> the device directory.
class FakeSysfs {
 public:
  void add_disk(const std::string& disk, unsigned major, std::initializer_list<std::string> partitions) {
    const std::string dir = root_ / ("devices/virtual/block/" + disk);
    write_file(dir + "/dev", std::to_string(major) + ":0\n");
    link("../devices/virtual/block/" + disk, "block/" + disk);
    link("../../devices/virtual/block/" + disk, "dev/block/" + std::to_string(major) + ":0");
    unsigned number = 1;
    for (const std::string& part : partitions) {
      write_file(dir + "/" + part + "/partition", std::to_string(number) + "\n");
      write_file(dir + "/" + part + "/dev", std::to_string(major) + ":" + std::to_string(number) + "\n");
      link("../../devices/virtual/block/" + disk + "/" + part,
           "dev/block/" + std::to_string(major) + ":" + std::to_string(number));
      ++number;
    }
  }
  void add_dm(unsigned minor, const std::string& slave_disk, const std::string& slave_part) {
    const std::string dir = root_ / ("devices/virtual/block/dm-" + std::to_string(minor));
    write_file(dir + "/dev", "253:" + std::to_string(minor) + "\n");
    fs::create_directories(dir + "/slaves");
    fs::create_symlink("../../" + slave_disk + "/" + slave_part, dir + "/slaves/" + slave_part);
    link("../../devices/virtual/block/dm-" + std::to_string(minor), "dev/block/253:" + std::to_string(minor));
  }
  std::string path() const { return root_.path(); }

 private:
  void link(const std::string& target, const std::string& name) {
    fs::create_directories(fs::path(root_ / name).parent_path());
    fs::create_symlink(target, root_ / name);
  }
  testing::TempDir root_;
};

TEST(Locate, DiskOfPartitionWholeDiskAndDeviceMapper) {
  FakeSysfs sysfs;
  sysfs.add_disk("vda", 252, {"vda1", "vda2"});
  sysfs.add_disk("nvme0n1", 259, {"nvme0n1p1"});
  sysfs.add_dm(0, "vda", "vda2");
  EXPECT_EQ(disk_of_device(sysfs.path(), 252, 2), "vda");
  EXPECT_EQ(disk_of_device(sysfs.path(), 252, 0), "vda");
  EXPECT_EQ(disk_of_device(sysfs.path(), 253, 0), "vda") << "LVM root: the disk under it";
  EXPECT_EQ(disk_of_device(sysfs.path(), 259, 1), "nvme0n1");
  EXPECT_EQ(disk_of_device(sysfs.path(), 8, 1), std::nullopt) << "overlay or tmpfs root: no disk";
}

TEST(Locate, PartitionOneWhateverItsName) {
  FakeSysfs sysfs;
  sysfs.add_disk("vda", 252, {"vda1", "vda2"});
  sysfs.add_disk("nvme0n1", 259, {"nvme0n1p1"});
  std::optional<BlockDevice> vda1 = partition_one(sysfs.path(), "vda");
  ASSERT_TRUE(vda1);
  EXPECT_EQ(vda1->name, "vda1");
  EXPECT_EQ(vda1->major, 252U);
  EXPECT_EQ(vda1->minor, 1U);
  EXPECT_EQ(partition_one(sysfs.path(), "nvme0n1")->name, "nvme0n1p1");
  EXPECT_FALSE(partition_one(sysfs.path(), "sdz"));
}

TEST(Locate, FirstCloudDiskPrefersVirtio) {
  FakeSysfs sysfs;
  sysfs.add_disk("sdb", 8, {});
  sysfs.add_disk("xvda", 202, {});
  sysfs.add_disk("loop0", 7, {});
  EXPECT_EQ(first_cloud_disk(sysfs.path()), "xvda");
  sysfs.add_disk("vdb", 252, {});
  EXPECT_EQ(first_cloud_disk(sysfs.path()), "vdb");
}

TEST(Locate, MountPointFromMountinfo) {
  const std::string mountinfo =
      "22 1 252:2 / / rw,relatime shared:1 - ext4 /dev/vda2 rw\n"
      "30 22 252:1 /sub /srv/bind rw - ext4 /dev/vda1 rw\n"
      "31 22 252:1 / /mnt/my\\040boot rw - ext4 /dev/vda1 rw\n";
  EXPECT_EQ(mount_point_of(mountinfo, 252, 1), "/mnt/my boot") << "a bind of a subdirectory is not the top";
  EXPECT_EQ(mount_point_of(mountinfo, 252, 2), "/");
  EXPECT_EQ(mount_point_of(mountinfo, 252, 3), std::nullopt);
}

/// A real disk image: MBR, partition 1 ext4 holding aliyun_custom_image/os.conf, attached
/// to a loop device whose partition has no /dev node (no udev here).
TEST(Locate, MountsPartitionOneOfARealDiskPrivately) {
  if (::geteuid() != 0) GTEST_SKIP() << "SKIPPED: loop devices and mount need root";
  testing::TempDir dir;
  write_file(dir / "content/aliyun_custom_image/os.conf", "hostname=from-partition-1\n");
  const std::string image = dir / "disk.img";
  auto run = [](std::vector<std::string> argv) {
    Result<RunResult> r = run_program(argv);
    return r && r->succeeded() ? std::string() : argv[0] + ": " + (r ? r->err : r.error().message);
  };
  ASSERT_EQ(run({"truncate", "-s", "64M", image}), "");
  RunOptions script;
  script.input = std::string("label: dos\nstart=2048, size=40960, type=83\n");
  Result<RunResult> sfdisk = run_program({"sfdisk", "-q", image}, script);
  ASSERT_TRUE(sfdisk && sfdisk->succeeded()) << (sfdisk ? sfdisk->err : sfdisk.error().message);
  ASSERT_EQ(run({"mkfs.ext4", "-q", "-F", "-E", "offset=1048576", "-d", dir / "content", image, "20M"}), "");
  Result<RunResult> attached = run_program({"losetup", "--find", "--show", image});
  if (!attached || !attached->succeeded()) GTEST_SKIP() << "SKIPPED: no loop device: " << attached->err;
  const std::string loop = attached->out.substr(0, attached->out.find('\n'));
  // Partitions added with partx outlive the loop device unless deleted first, and a
  // stale one makes the next partx -a on that device fail.
  struct Detach {
    std::string loop;
    ~Detach() {
      (void)run_program({"partx", "-d", loop});
      (void)run_program({"losetup", "-d", loop});
    }
  } detach{loop};
  (void)run_program({"partx", "-d", loop});
  ASSERT_EQ(run({"partx", "-a", loop}), "");

  const std::string disk = loop.substr(loop.rfind('/') + 1);
  std::optional<BlockDevice> part = partition_one("/sys", disk);
  ASSERT_TRUE(part) << "sysfs has no partition 1 of " << disk;
  std::string mounted_dir;
  {
    Result<PartitionMount> mount = PartitionMount::open(*part, std::chrono::milliseconds(200));
    ASSERT_TRUE(mount) << mount.error().message;
    EXPECT_TRUE(mount->mounted_by_us());
    mounted_dir = mount->directory();
    EXPECT_EQ(testing::read_file(mounted_dir + "/" + kOsConfRelativePath), "hostname=from-partition-1\n");
  }
  struct stat st {};
  EXPECT_NE(::stat(mounted_dir.c_str(), &st), 0) << "unmounted and removed afterwards";
}

}  // namespace
}  // namespace image_agent::firstboot
