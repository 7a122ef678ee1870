// Real disk images: MBR and GPT (sfdisk) with ext4 (with and without 64bit, with
// project+quota) and xfs, loop-attached (losetup + partx -a; there is no udev, so the
// partition's node is made here), mounted, and checked with --root semantics on the
// mount point with the real /sys and /proc/self/mountinfo: partition_table, filesystem,
// disk_size, first_partition and device_id decided from the device. Root only.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "guest.h"
#include "platform/process.h"
#include "precheck/facts/disk_probe.h"

namespace image_agent::precheck {
namespace {

using ::image_agent::testing::read_file;
using ::image_agent::testing::TempDir;

Result<RunResult> sh(const std::string& command) {
  return run_program({"sh", "-c", command});
}

std::string run_ok(const std::string& command) {
  Result<RunResult> run = sh(command);
  if (!run) return command + ": " + run.error().message;
  return run->succeeded() ? "" : command + ": " + run->err + run->out;
}

/// A sparse image file with one partition, attached to a loop device and mounted; every
/// step is undone in reverse order, whatever failed.
class MountedImage {
 public:
  MountedImage(const std::string& label, const std::string& size, const std::string& mkfs,
               bool mount = true) {
    image_ = dir_ / "disk.img";
    mount_point_ = dir_ / "mnt";
    std::filesystem::create_directories(mount_point_);
    error_ = run_ok("truncate -s " + size + " " + image_ + " && printf 'label: " + label +
                    "\\nstart=2048, type=L\\n' | sfdisk -q " + image_);
    if (!error_.empty()) return;
    Result<RunResult> attach = run_program({"losetup", "--find", "--show", image_});
    if (!attach || !attach->succeeded()) {
      error_ = "losetup: " + (attach ? attach->err : attach.error().message);
      return;
    }
    loop_ = attach->out.substr(0, attach->out.find('\n'));
    // A loop device detached by someone else without partx -d keeps its partitions.
    run_ok("partx -d " + loop_);
    if ((error_ = run_ok("partx -a " + loop_)).empty()) partitions_ = true;
    if (!error_.empty()) return;
    // No udev: make partition 1's node from its number in sysfs.
    std::string name = loop_.substr(5);
    unsigned major = 0;
    unsigned minor = 0;
    std::string dev = read_file("/sys/block/" + name + "/" + name + "p1/dev");
    if (std::sscanf(dev.c_str(), "%u:%u", &major, &minor) != 2) {
      error_ = "no partition 1 of " + loop_ + " in sysfs";
      return;
    }
    node_ = dir_ / "p1";
    if (::mknod(node_.c_str(), S_IFBLK | 0600, ::makedev(major, minor)) != 0) {
      error_ = "mknod " + node_ + " failed";
      return;
    }
    if (!(error_ = run_ok(mkfs + " " + node_)).empty()) return;
    if (mount) error_ = this->mount();
  }
  /// Mounts partition 1 on root(); "" or why not.
  std::string mount() {
    std::string error = run_ok("mount " + node_ + " " + mount_point_);
    mounted_ = error.empty();
    return error;
  }
  ~MountedImage() {
    if (mounted_) {
      EXPECT_EQ(run_ok("umount " + mount_point_), "");
    }
    // partx -d before losetup -d: a stale partition would break the next run.
    if (partitions_) {
      EXPECT_EQ(run_ok("partx -d " + loop_), "");
    }
    if (!loop_.empty()) {
      EXPECT_EQ(run_ok("losetup -d " + loop_), "");
    }
  }
  MountedImage(const MountedImage&) = delete;
  MountedImage& operator=(const MountedImage&) = delete;

  const std::string& error() const { return error_; }
  const std::string& root() const { return mount_point_; }
  const std::string& node() const { return node_; }
  const std::string& loop() const { return loop_; }

 private:
  TempDir dir_;
  std::string image_;
  std::string mount_point_;
  std::string loop_;
  std::string node_;
  std::string error_;
  bool partitions_ = false;
  bool mounted_ = false;
};

class DiskImage : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "loop devices and mounts need root (uid " << ::geteuid() << ")";
    for (const char* tool : {"sfdisk", "losetup", "partx", "mkfs.ext4", "mkfs.xfs"})
      if (!run_ok(std::string("command -v ") + tool).empty()) GTEST_SKIP() << tool << " is not installed";
  }

  static void expect(const testing::Guest& guest, const char* id, const char* status, const char* code) {
    Verdict verdict = guest.run(id);
    EXPECT_EQ(status_name(verdict.status), status) << id << ": " << verdict.comment;
    EXPECT_EQ(verdict.error_code, code) << id << ": " << verdict.comment;
  }
};

#define ATTACH(var, ...)                                                                   \
  MountedImage var(__VA_ARGS__);                                                           \
  if (var.error().find("losetup") == 0) GTEST_SKIP() << "no loop device: " << var.error(); \
  ASSERT_EQ(var.error(), "")

TEST_F(DiskImage, MbrExt4Without64bitPasses) {
  ATTACH(image, "dos", "41G", "mkfs.ext4 -q -F -O ^64bit,^metadata_csum");
  std::filesystem::create_directories(image.root() + "/aliyun_custom_image");
  Result<RunResult> uuid = run_program({"blkid", "-s", "UUID", "-o", "value", image.node()});
  ASSERT_TRUE(uuid && uuid->succeeded());
  ::image_agent::testing::write_file(
      image.root() + "/etc/fstab",
      "UUID=" + uuid->out.substr(0, uuid->out.find('\n')) + " / ext4 defaults 0 1\n");
  testing::Guest guest("aliyun-customized", false, image.root());
  guest.real_host();
  const DiskFacts& facts = disk_facts(guest.context());
  ASSERT_TRUE(facts.available()) << facts.unavailable;
  EXPECT_EQ(facts.layout.table, "dos");
  EXPECT_EQ(facts.root_fs.type, "ext4");
  EXPECT_TRUE(facts.root_fs.ext.is_ext);
  EXPECT_FALSE(facts.root_fs.ext.bit64);
  expect(guest, "partition_table", "OK", "0");
  expect(guest, "filesystem", "OK", "0");
  expect(guest, "disk_size", "OK", "0");
  expect(guest, "first_partition", "OK", "0");
  expect(guest, "device_id", "OK", "0");
  expect(guest, "lvm", "OK", "0");
}

TEST_F(DiskImage, MbrExt4With64bitFails) {
  ATTACH(image, "dos", "1G", "mkfs.ext4 -q -F -O 64bit");
  testing::Guest guest("aliyun-customized", false, image.root());
  guest.real_host();
  expect(guest, "partition_table", "OK", "0");
  expect(guest, "filesystem", "FAILED", "1002");
  expect(guest, "disk_size", "FAILED", "2101");
  expect(guest, "first_partition", "FAILED", "2805");
}

TEST_F(DiskImage, GptExt4WithProjectAndQuota) {
  ATTACH(image, "gpt", "41G", "mkfs.ext4 -q -F -O ^64bit,project,quota", false);
  Result<DiskLayout> layout = probe_disk(image.loop());
  ASSERT_TRUE(layout) << layout.error().message;
  EXPECT_EQ(layout->table, "gpt");
  ASSERT_NE(layout->partition(1), nullptr);
  EXPECT_EQ(layout->partition(1)->type, "ext4");
  EXPECT_TRUE(layout->partition(1)->ext.project);
  EXPECT_TRUE(layout->partition(1)->ext.quota);
  EXPECT_FALSE(layout->partition(1)->ext.bit64);
  EXPECT_FALSE(layout->partition(1)->part_uuid.empty()) << "GPT partitions have a PARTUUID";
  if (std::string error = image.mount(); !error.empty()) {
    // Kernels without CONFIG_QFMT_V2 refuse to mount ext4 with the quota feature: judge
    // the probe of the real device on a root whose device facts are that probe.
    testing::Guest guest("aliyun-customized");
    guest.fake_disk("loop0", 41 * (uint64_t{1} << 30), 1, 1);
    DiskFacts facts;
    facts.disk_path = image.loop();
    facts.layout = *layout;
    facts.root_fs = *layout->partition(1);
    guest.seed(facts);
    expect(guest, "partition_table", "WARNING", "1601");
    expect(guest, "filesystem", "FAILED", "1003");
    std::cerr << "not mounted (" << error.substr(0, error.find('\n')) << "); judged from the probed device\n";
    return;
  }
  testing::Guest guest("aliyun-customized", false, image.root());
  guest.real_host();
  expect(guest, "partition_table", "WARNING", "1601");
  expect(guest, "filesystem", "FAILED", "1003");
  expect(guest, "first_partition", "FAILED", "2804");  // no aliyun_custom_image/
}

TEST_F(DiskImage, GptXfs) {
  ATTACH(image, "gpt", "20G", "mkfs.xfs -q -f");
  testing::Guest guest("aliyun-customized", false, image.root());
  guest.real_host();
  const DiskFacts& facts = disk_facts(guest.context());
  ASSERT_TRUE(facts.available()) << facts.unavailable;
  EXPECT_EQ(facts.root_fs.type, "xfs");
  EXPECT_TRUE(facts.root_fs.xfs);
  expect(guest, "partition_table", "WARNING", "1601");
  expect(guest, "filesystem", "OK", "0");
  expect(guest, "disk_size", "WARNING", "2102");
  expect(guest, "first_partition", "FAILED", "2802");  // the cloud cannot write os.conf to xfs
}

TEST(ProbeDisk, ImageFileWithoutLoopDevice) {
  // libblkid reads an image file as it reads a disk: no root needed.
  TempDir dir;
  const std::string image = dir / "disk.img";
  ASSERT_EQ(run_ok("truncate -s 64M " + image +
                   " && printf 'label: dos\\nstart=2048, size=40960, type=L\\n"
                   "start=43008, type=L\\n' | sfdisk -q " +
                   image + " && mkfs.ext4 -q -F -L imgroot -O ^64bit -E offset=22020096 " + image + " 20M"),
            "");
  Result<DiskLayout> layout = probe_disk(image);
  ASSERT_TRUE(layout) << layout.error().message;
  EXPECT_EQ(layout->table, "dos");
  ASSERT_EQ(layout->partitions.size(), 2u);
  EXPECT_EQ(layout->partitions[0].type, "");
  EXPECT_EQ(layout->partitions[1].number, 2);
  EXPECT_EQ(layout->partitions[1].offset, 22020096u);
  EXPECT_EQ(layout->partitions[1].type, "ext4");
  EXPECT_EQ(layout->partitions[1].label, "imgroot");
  EXPECT_TRUE(layout->partitions[1].ext.is_ext);
  EXPECT_EQ(layout->find("LABEL=imgroot"), &layout->partitions[1]);
  EXPECT_FALSE(probe_disk(dir / "missing.img"));
}

}  // namespace
}  // namespace image_agent::precheck
