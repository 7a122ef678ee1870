// The device items' pure parsers, table-tested on strings: kernel config and
// modules.builtin, cpio newc headers, ext superblocks (fstab, grub.cfg, BLS entries and
// grubenv are read by guest/ and tested in tests/guest).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "guest.h"
#include "precheck/facts/initramfs.h"
#include "precheck/facts/kernel_config.h"
#include "precheck/facts/superblock.h"
#include "precheck/registry.h"

namespace image_agent::precheck {
namespace {

TEST(ParseKernelConfig, ValuesAndUnsetOptions) {
  KernelConfig config = parse_kernel_config(
      "#\n# Automatically generated file\nCONFIG_VIRTIO_BLK=m\nCONFIG_VIRTIO_PCI=y\n"
      "# CONFIG_VIRTIO_NET is not set\nCONFIG_LOCALVERSION=\"-cloud\"\nCONFIG_NR_CPUS=8192\n");
  EXPECT_EQ(config.at("CONFIG_VIRTIO_BLK"), "m");
  EXPECT_EQ(config.at("CONFIG_VIRTIO_PCI"), "y");
  EXPECT_FALSE(config.contains("CONFIG_VIRTIO_NET"));
  EXPECT_EQ(config.at("CONFIG_LOCALVERSION"), "-cloud");
  EXPECT_EQ(config.at("CONFIG_NR_CPUS"), "8192");
}

TEST(ModuleNames, FromPathsOfEveryCompression) {
  struct Case {
    const char* path;
    const char* name;
  };
  for (const Case& c :
       {Case{"kernel/drivers/block/virtio_blk.ko", "virtio_blk"},
        Case{"usr/lib/modules/6.1.0-13-amd64/kernel/drivers/net/xen-netfront.ko.zst", "xen_netfront"},
        Case{"lib/modules/5.14/kernel/drivers/nvme/host/nvme.ko.xz", "nvme"},
        Case{"x/y/virtio_pci.ko.gz", "virtio_pci"}, Case{"lib/modules/6.1/modules.dep", ""},
        Case{"usr/bin/ko", ""}})
    EXPECT_EQ(module_name_of(c.path), c.name) << c.path;
  EXPECT_EQ(parse_modules_builtin("kernel/drivers/virtio/virtio.ko\nkernel/drivers/virtio/virtio_pci.ko\n"),
            (std::set<std::string, std::less<>>{"virtio", "virtio_pci"}));
}

TEST(ParseCpioHeader, NewcFields) {
  std::string archive = testing::cpio_newc({"usr/lib/modules/6.1/virtio_blk.ko"}, "12345");
  Result<CpioHeader> header = parse_cpio_header(archive);
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_EQ(header->mode, 0100644u);
  EXPECT_EQ(header->file_size, 5u);
  EXPECT_EQ(header->name_size, 34u);
  struct Case {
    std::string bytes;
    const char* error;
  };
  for (const Case& c :
       {Case{"0707", "truncated header"}, Case{"070707" + std::string(104, '0'), "not a newc header"},
        Case{"070701" + std::string(8, 'Z') + std::string(96, '0'), "bad hex"},
        Case{"070701" + std::string(104, '0'), "empty name"}}) {
    Result<CpioHeader> bad = parse_cpio_header(c.bytes);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find(c.error), std::string::npos) << bad.error().message;
  }
}

TEST(CpioNames, MembersUpToTheTrailer) {
  std::string archive = testing::cpio_newc({"kernel/", "kernel/x86/microcode/GenuineIntel.bin"}, "abc");
  size_t end = 0;
  Result<std::vector<std::string>> names = cpio_names(archive + "garbage", &end);
  ASSERT_TRUE(names) << names.error().message;
  EXPECT_EQ(*names, (std::vector<std::string>{"kernel", "kernel/x86/microcode/GenuineIntel.bin"}));
  EXPECT_EQ(end, archive.size());
  EXPECT_FALSE(cpio_names(archive.substr(0, 200), &end)) << "truncated";
}

std::string superblock(uint32_t incompat, uint32_t ro_compat, bool ext = true) {
  std::string bytes(2048, '\0');
  auto put = [&](size_t at, uint32_t value, int width) {
    for (int i = 0; i < width; ++i)
      bytes[at + static_cast<size_t>(i)] = static_cast<char>((value >> (8 * i)) & 0xff);
  };
  if (ext) put(1024 + 0x38, 0xEF53, 2);
  put(1024 + 0x60, incompat, 4);
  put(1024 + 0x64, ro_compat, 4);
  return bytes;
}

TEST(ParseExtSuperblock, FeatureBits) {
  struct Case {
    uint32_t incompat, ro_compat;
    bool ext, bit64, project, quota;
  };
  for (const Case& c :
       {Case{0x242, 0x46b, true, false, false, false}, Case{0x242 | 0x80, 0x46b, true, true, false, false},
        Case{0x242, 0x46b | 0x2000 | 0x100, true, false, true, true}}) {
    ExtFeatures f = parse_ext_superblock(superblock(c.incompat, c.ro_compat, c.ext));
    EXPECT_EQ(f.is_ext, c.ext);
    EXPECT_EQ(f.bit64, c.bit64);
    EXPECT_EQ(f.project, c.project);
    EXPECT_EQ(f.quota, c.quota);
  }
  EXPECT_FALSE(parse_ext_superblock(superblock(0x80, 0, false)).is_ext);
  EXPECT_FALSE(parse_ext_superblock("short").is_ext);
  EXPECT_TRUE(is_xfs_superblock("XFSB\0\0\x10\0"));
  EXPECT_FALSE(is_xfs_superblock(superblock(0, 0)));
}

TEST(DiskLayoutFind, TagsAndByLinks) {
  DiskFacts facts = testing::disk_with(
      "dos", {testing::probed("ext4", "AB-cd", "boot/efi"), testing::probed("xfs", "1111", "root")}, 2);
  facts.root_fs.part_label = "system";
  EXPECT_EQ(facts.find("UUID=ab-CD"), facts.layout.partition(1)) << "UUIDs in either case";
  EXPECT_EQ(facts.find("UUID=\"1111\""), &facts.root_fs);
  EXPECT_EQ(facts.find("LABEL=root"), &facts.root_fs);
  EXPECT_EQ(facts.find("LABEL=ROOT"), nullptr) << "labels are exact";
  EXPECT_EQ(facts.find("/dev/disk/by-label/boot\\x2fefi"), facts.layout.partition(1));
  EXPECT_EQ(facts.find("PARTUUID=0000abcd-02"), &facts.root_fs);
  EXPECT_EQ(facts.find("/dev/disk/by-partlabel/system"), &facts.root_fs);
  EXPECT_EQ(facts.find("UUID=nope"), nullptr);
  EXPECT_EQ(facts.find("/dev/vda1"), nullptr);
  EXPECT_TRUE(is_tagged_source("/dev/disk/by-uuid/1111"));
  EXPECT_FALSE(is_tagged_source("/dev/disk/by-id/virtio-1"));
}

// Found by tests/fuzz (fstab): a "\x" not followed by two hex digits in an fstab source
// threw std::invalid_argument out of precheck ("\xzz"), or decoded half of it ("\x2g").
TEST(DiskLayoutFind, MalformedByLinkEscapesAreKeptAsWritten) {
  DiskFacts facts = testing::disk_with("gpt", {testing::probed("ext4", "2222", "data\\x2g")}, 1);
  EXPECT_TRUE(is_tagged_source("/dev/disk/by-label/boot\\xzz"));
  EXPECT_EQ(facts.find("/dev/disk/by-label/boot\\xzz"), nullptr);
  const ProbedFs* found = facts.find("/dev/disk/by-label/data\\x2g");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->uuid, "2222");
  EXPECT_EQ(facts.find("/dev/disk/by-partlabel/\\x"), nullptr);
}

}  // namespace
}  // namespace image_agent::precheck

namespace image_agent::precheck {
namespace {

TEST(DeviceItems, SpecIdsCodeBlocksAndCloudNames) {
  const std::map<std::string_view, std::string_view> cloud_names{{"driver", "driver"},
                                                                 {"filesystem", "filesystem"},
                                                                 {"device_id", "device id"},
                                                                 {"partition_table", "partition table"},
                                                                 {"lvm", "lvm"},
                                                                 {"disk_size", "disk size"},
                                                                 {"disk_usage", "disk use rate"},
                                                                 {"inode_usage", "inode use rate"}};
  std::span<const std::string_view> ids = spec_item_ids();
  std::set<std::string_view> seen;
  for (const Item& item : device_items()) {
    auto it = std::find(ids.begin(), ids.end(), item.id);
    ASSERT_NE(it, ids.end()) << item.id;
    EXPECT_TRUE(seen.insert(item.id).second) << "duplicate " << item.id;
    EXPECT_EQ(item.code_base, 100 * (it - ids.begin() + 1)) << item.id;
    auto name = cloud_names.find(item.id);
    EXPECT_EQ(item.cloud_name, name == cloud_names.end() ? "" : name->second) << item.id;
    EXPECT_NE(item.check, nullptr);
    EXPECT_FALSE(item.rule.empty());
    EXPECT_FALSE(item.source.empty());
    EXPECT_TRUE(testing::default_policy().find("aliyun", item.id) != nullptr ||
                item.id == "first_partition" || item.id == "encrypted" || item.id == "data_disk_size")
        << item.id << " is in the aliyun profile unless the spec makes it another profile's";
  }
  EXPECT_EQ(seen.size(), 16u);
}

}  // namespace
}  // namespace image_agent::precheck
