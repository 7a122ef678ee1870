// The disk, file-system and fstab items on synthetic roots: a fake sysfs and mountinfo
// for the root device, and the probed disk layout and usage seeded as facts. Each item:
// a root built to pass and one built to fail, with the exact status and error code.
#include <gtest/gtest.h>

#include "guest.h"

namespace image_agent::precheck {
namespace {

using testing::disk_with;
using testing::Guest;
using testing::probed;

constexpr uint64_t kGiB = uint64_t{1} << 30;

void expect(const Verdict& verdict, Status status, const std::string& code) {
  EXPECT_EQ(status_name(verdict.status), status_name(status)) << verdict.comment;
  EXPECT_EQ(verdict.error_code, code) << verdict.comment;
}

DiskFacts two_partitions(std::string table = "dos") {
  return disk_with(std::move(table), {probed("ext4", "b00t", "boot"), probed("ext4", "r00t", "root")}, 2);
}

TEST(FilesystemItem, Ext4WithoutFeaturesPasses) {
  Guest guest;
  guest.fake_disk("vda", 50 * kGiB, 2, 2);
  guest.seed(two_partitions());
  expect(guest.run("filesystem"), Status::kOk, "0");
}

TEST(FilesystemItem, Ext4With64bitFails) {
  Guest guest;
  guest.fake_disk("vda", 50 * kGiB, 2, 2);
  DiskFacts facts = two_partitions();
  facts.root_fs.ext.bit64 = true;
  guest.seed(facts);
  expect(guest.run("filesystem"), Status::kFailed, "1002");
}

TEST(FilesystemItem, ProjectAndQuotaTogetherFail) {
  Guest guest;
  guest.fake_disk("vda", 50 * kGiB, 2, 2);
  DiskFacts facts = two_partitions();
  facts.root_fs.ext.project = true;
  facts.root_fs.ext.quota = true;
  guest.seed(facts);
  expect(guest.run("filesystem"), Status::kFailed, "1003");
}

TEST(FilesystemItem, BtrfsFailsXfsPasses) {
  Guest guest;
  guest.fake_disk("vda", 50 * kGiB, 1, 1);
  guest.seed(disk_with("dos", {probed("btrfs")}, 1));
  expect(guest.run("filesystem"), Status::kFailed, "1001");
  Guest xfs;
  xfs.fake_disk("vda", 50 * kGiB, 1, 1);
  xfs.seed(disk_with("dos", {probed("xfs")}, 1));
  expect(xfs.run("filesystem"), Status::kOk, "0");
}

TEST(FilesystemItem, PlainDirectoryIsSkipped) {
  Guest guest;
  guest.real_host();  // a temp dir is no mount point
  Verdict verdict = guest.run("filesystem");
  expect(verdict, Status::kSkipped, "");
  EXPECT_NE(verdict.comment.find("not the mount point"), std::string::npos) << verdict.comment;
}

TEST(PartitionTableItem, MbrPassesGptWarnsNoneWarns) {
  struct Case {
    const char* table;
    Status status;
    const char* code;
  };
  for (const Case& c : {Case{"dos", Status::kOk, "0"}, Case{"gpt", Status::kWarning, "1601"},
                        Case{"", Status::kWarning, "1602"}}) {
    Guest guest;
    guest.fake_disk("vda", 50 * kGiB, 2, 2);
    guest.seed(two_partitions(c.table));
    expect(guest.run("partition_table"), c.status, c.code);
  }
}

TEST(PartitionTableItem, SkippedWithoutTheDevice) {
  Guest guest;
  guest.fake_disk("vda", 50 * kGiB, 2, 2);  // no /dev/vda node for this fake disk
  Verdict verdict = guest.run("partition_table");
  expect(verdict, Status::kSkipped, "");
  EXPECT_FALSE(verdict.comment.empty());
}

TEST(DeviceIdItem, UuidsOfTheImagePass) {
  Guest guest;
  guest.fake_disk("vda", 50 * kGiB, 2, 2);
  guest.seed(two_partitions());
  guest.write(
      "/etc/fstab",
      "UUID=r00t / ext4 defaults 0 1\nLABEL=boot /boot ext4 defaults 0 2\nproc /proc proc defaults 0 0\n");
  expect(guest.run("device_id"), Status::kOk, "0");
}

TEST(DeviceIdItem, UnknownUuidFailsBareNameWarns) {
  Guest guest;
  guest.fake_disk("vda", 50 * kGiB, 2, 2);
  guest.seed(two_partitions());
  guest.write(
      "/etc/fstab",
      "UUID=r00t / ext4 defaults 0 1\nUUID=gone /boot ext4 defaults 0 2\n/dev/sdb1 /data xfs defaults 0 0\n");
  Verdict verdict = guest.run("device_id");
  expect(verdict, Status::kFailed, "1101");
  EXPECT_NE(verdict.comment.find("UUID=gone (/boot, /etc/fstab line 2)"), std::string::npos)
      << verdict.comment;

  Guest bare;
  bare.fake_disk("vda", 50 * kGiB, 2, 2);
  bare.seed(two_partitions());
  bare.write("/etc/fstab", "/dev/vda2 / ext4 defaults 0 1\n");
  expect(bare.run("device_id"), Status::kWarning, "1102");
}

TEST(FstabDataDiskItem, SystemDiskOrNofailPasses) {
  Guest guest;
  guest.fake_disk("vda", 50 * kGiB, 2, 2);
  guest.seed(two_partitions());
  guest.write("/etc/fstab",
              "UUID=r00t / ext4 defaults 0 1\nUUID=b00t /boot ext4 defaults 0 2\n"
              "UUID=da7a /data xfs defaults,nofail 0 0\n/dev/vdb1 /backup xfs noauto 0 0\n");
  expect(guest.run("fstab_data_disk"), Status::kOk, "0");
}

TEST(FstabDataDiskItem, DataDiskWithoutNofailFails) {
  Guest guest;
  guest.fake_disk("vda", 50 * kGiB, 2, 2);
  guest.seed(two_partitions());
  guest.write("/etc/fstab", "UUID=r00t / ext4 defaults 0 1\n/dev/vdb1 /data xfs defaults 0 0\n");
  Verdict verdict = guest.run("fstab_data_disk");
  expect(verdict, Status::kFailed, "1201");
  EXPECT_NE(verdict.comment.find("/data (/dev/vdb1)"), std::string::npos) << verdict.comment;
}

// Seed 002 §3.1.1: "/dev/xvdb1 /leejd ext4 defaults 0 0" is its example of a data disk
// line. Another disk's kernel name needs no device to be judged: offline, no sysfs.
TEST(FstabDataDiskItem, AnotherDisksKernelNameFailsWithoutTheDevice) {
  for (const char* source :
       {"/dev/xvdb1", "/dev/sdb", "/dev/vdb1", "/dev/hdb2", "/dev/nvme1n1p1", "/dev/nvme0n2"}) {
    Guest guest;  // no fake disk: neither the root device nor its layout is known
    guest.write("/etc/fstab",
                "UUID=r00t / ext4 defaults 0 1\n" + std::string(source) + " /leejd ext4 defaults 0 0\n");
    Verdict verdict = guest.run("fstab_data_disk");
    expect(verdict, Status::kFailed, "1201");
    EXPECT_NE(verdict.comment.find("/leejd (" + std::string(source) + ")"), std::string::npos)
        << verdict.comment;
  }
  for (const char* source : {"/dev/vda2", "/dev/sda3", "/dev/xvda2", "/dev/nvme0n1p3"}) {
    Guest guest;  // the first disk's name: which disk it is here needs the device
    guest.write("/etc/fstab", std::string(source) + " /var ext4 defaults 0 0\n");
    expect(guest.run("fstab_data_disk"), Status::kSkipped, "");
  }
  Guest nofail;
  nofail.write("/etc/fstab", "/dev/xvdb1 /leejd ext4 defaults,nofail 0 0\n");
  expect(nofail.run("fstab_data_disk"), Status::kOk, "0");
}

TEST(LvmItem, PlainPartitionPassesLogicalVolumeFails) {
  Guest guest;
  guest.fake_disk("vda", 50 * kGiB, 2, 2);
  expect(guest.run("lvm"), Status::kOk, "0");
  Guest lvm;
  lvm.fake_disk("vda", 50 * kGiB, 2, 2);
  lvm.fake_dm_root("vda", 2, "LVM-abcdefgh");
  expect(lvm.run("lvm"), Status::kFailed, "1701");
}

TEST(SingleRootItem, RootBootAndSwapPassSeparateVarWarns) {
  Guest guest;
  guest.write(
      "/etc/fstab",
      "UUID=r / ext4 defaults 0 1\nUUID=b /boot ext4 defaults 0 2\nUUID=e /boot/efi vfat umask=0077 0 1\n"
      "UUID=s none swap sw 0 0\ntmpfs /tmp tmpfs defaults 0 0\n");
  expect(guest.run("single_root"), Status::kOk, "0");
  Guest split;
  split.write("/etc/fstab", "UUID=r / ext4 defaults 0 1\nUUID=v /var xfs defaults 0 2\n");
  Verdict verdict = split.run("single_root");
  expect(verdict, Status::kWarning, "1801");
  EXPECT_NE(verdict.comment.find("/var"), std::string::npos);
}

TEST(DiskSizeItem, LimitsFromThePolicy) {
  struct Case {
    uint64_t gib;
    Status status;
    const char* code;
  };
  for (const Case& c : {Case{50, Status::kOk, "0"}, Case{40, Status::kOk, "0"},
                        Case{20, Status::kWarning, "2102"}, Case{1, Status::kFailed, "2101"},
                        Case{600, Status::kWarning, "2103"}, Case{3000, Status::kFailed, "2104"}}) {
    Guest guest;
    guest.fake_disk("vda", c.gib * kGiB, 1, 1);
    expect(guest.run("disk_size"), c.status, c.code);
  }
}

// The advice quotes the rule's own numbers (the policy's 5, 40, 500, 2048 GiB), as seed
// 002 §3.3.1 does: "the best system disk size is 40-500 GiB".
TEST(DiskSizeItem, AdviceQuotesTheRulesNumbers) {
  struct Case {
    uint64_t bytes;
    const char* code;
    const char* comment;
    const char* remediation;
  };
  for (const Case& c : {
           Case{1 * kGiB, "2101", "is 1.0 GiB, below the minimum of 5 GiB",
                "Grow the system disk to 40-500 GiB"},
           Case{20 * kGiB, "2102", "is 20.0 GiB, below 40 GiB (OK: 40-500 GiB)",
                "Grow the system disk to 40-500 GiB"},
           Case{40 * kGiB - kGiB / 32, "2102", "is 39.97 GiB, below 40 GiB",
                "Grow the system disk to 40-500 GiB"},
           Case{600 * kGiB, "2103", "is 600.0 GiB, above 500 GiB (OK: 40-500 GiB)",
                "Shrink the system disk to 40-500 GiB"},
           Case{3000 * kGiB, "2104", "is 3000.0 GiB, above the maximum of 2048 GiB",
                "Shrink the system disk to 40-500 GiB"},
           Case{50 * kGiB, "0", "is 50.0 GiB (OK: 40-500 GiB)", ""},
       }) {
    Guest guest;
    guest.fake_disk("vda", c.bytes, 1, 1);
    Verdict v = guest.run("disk_size");
    EXPECT_EQ(v.error_code, c.code) << v.comment;
    EXPECT_NE(v.comment.find(c.comment), std::string::npos) << v.comment;
    EXPECT_NE(v.remediation.find(c.remediation), std::string::npos) << v.remediation;
    EXPECT_EQ(v.remediation.find(".0 GiB"), std::string::npos) << v.remediation;
  }
}

TEST(DiskSizeItem, PlainDirectoryIsSkipped) {
  Guest guest;
  guest.real_host();
  expect(guest.run("disk_size"), Status::kSkipped, "");
}

FsUsage usage(uint64_t blocks_used, uint64_t blocks_free, uint64_t inodes_used, uint64_t inodes_total) {
  FsUsage u;
  u.blocks_used = blocks_used;
  u.blocks_available = blocks_free;
  u.inodes_used = inodes_used;
  u.inodes_total = inodes_total;
  return u;
}

TEST(DiskUsageItem, Thresholds) {
  struct Case {
    uint64_t used;
    Status status;
    const char* code;
  };
  for (const Case& c :
       {Case{50, Status::kOk, "0"}, Case{89, Status::kOk, "0"}, Case{90, Status::kWarning, "2201"},
        Case{98, Status::kFailed, "2202"}, Case{100, Status::kFailed, "2202"}}) {
    Guest guest;
    guest.seed(usage(c.used, 100 - c.used, 1, 100));
    expect(guest.run("disk_usage"), c.status, c.code);
  }
}

TEST(InodeUsageItem, Thresholds) {
  struct Case {
    uint64_t used;
    Status status;
    const char* code;
  };
  for (const Case& c :
       {Case{10, Status::kOk, "0"}, Case{95, Status::kWarning, "2301"}, Case{99, Status::kFailed, "2302"}}) {
    Guest guest;
    guest.seed(usage(1, 99, c.used, 100));
    expect(guest.run("inode_usage"), c.status, c.code);
  }
}

TEST(DiskUsageItem, LiveRootIsMeasured) {
  Guest guest("aliyun", true);
  guest.real_host();
  Verdict verdict = guest.run("disk_usage");
  EXPECT_NE(verdict.status, Status::kSkipped) << verdict.comment;
  EXPECT_FALSE(verdict.evidence.empty());
}

TEST(FirstPartitionItem, Ext4WithTheDirectoryPasses) {
  Guest guest("aliyun-customized");
  guest.fake_disk("vda", 50 * kGiB, 1, 1);
  guest.seed(disk_with("dos", {probed("ext4", "r00t")}, 1));
  guest.mkdir("/aliyun_custom_image");
  expect(guest.run("first_partition"), Status::kOk, "0");
}

TEST(FirstPartitionItem, FailsForEachCause) {
  struct Case {
    const char* type;
    bool dir;
    uint64_t gib;
    const char* table;
    const char* code;
  };
  for (const Case& c : {Case{"xfs", true, 50, "dos", "2802"}, Case{"ext4", false, 50, "dos", "2804"},
                        Case{"ext4", true, 5, "dos", "2805"}, Case{"ext4", true, 50, "", "2801"}}) {
    Guest guest("aliyun-customized");
    guest.fake_disk("vda", c.gib * kGiB, 1, 1);
    guest.seed(disk_with(c.table, {probed(c.type, "r00t")}, 1));
    if (c.dir) guest.mkdir("/aliyun_custom_image");
    expect(guest.run("first_partition"), Status::kFailed, c.code);
  }
}

TEST(EncryptedItem, PlainPassesDmCryptAndCrypttabFail) {
  Guest guest("export");
  guest.fake_disk("vda", 50 * kGiB, 2, 2);
  guest.seed(two_partitions());
  guest.write("/etc/crypttab", "# <target name> <source device> <key file> <options>\n");
  expect(guest.run("encrypted"), Status::kOk, "0");

  Guest luks("export");
  luks.fake_disk("vda", 50 * kGiB, 2, 2);
  luks.fake_dm_root("vda", 2, "CRYPT-LUKS2-0123456789abcdef-luks-root");
  expect(luks.run("encrypted"), Status::kFailed, "3601");

  Guest data("export");
  data.fake_disk("vda", 50 * kGiB, 2, 2);
  data.seed(two_partitions());
  data.write("/etc/crypttab", "data UUID=abcd none luks\n");
  expect(data.run("encrypted"), Status::kFailed, "3603");
}

TEST(EncryptedItem, AliyunProfileReportsAWarning) {
  Guest guest;  // encrypted is off in aliyun: problem() falls back to WARNING if run anyway
  guest.fake_disk("vda", 50 * kGiB, 2, 2);
  guest.fake_dm_root("vda", 2, "CRYPT-LUKS2-x");
  expect(guest.run("encrypted"), Status::kWarning, "3601");
}

TEST(DataDiskSizeItem, LargeDataDiskFails) {
  Guest guest("export", true);
  guest.fake_disk("vda", 50 * kGiB, 1, 1);
  guest.fake_extra_disk("vdb", 16, 1000 * kGiB);
  expect(guest.run("data_disk_size"), Status::kOk, "0");
  Guest large("export", true);
  large.fake_disk("vda", 50 * kGiB, 1, 1);
  large.fake_extra_disk("vdb", 16, 3000 * kGiB);
  large.fake_extra_disk("loop0", 32, 5000 * kGiB);
  Verdict verdict = large.run("data_disk_size");
  expect(verdict, Status::kFailed, "3701");
  EXPECT_EQ(verdict.evidence.size(), 1u) << "loop devices are no data disks";
}

TEST(DataDiskSizeItem, SkippedOffline) {
  Guest guest("export");
  guest.fake_disk("vda", 50 * kGiB, 1, 1);
  expect(guest.run("data_disk_size"), Status::kSkipped, "");
}

}  // namespace
}  // namespace image_agent::precheck
