// /etc/fstab, table-tested on strings.
#include "guest/fstab.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace image_agent::guest {
namespace {

TEST(ParseFstab, FieldsOptionsEscapesAndComments) {
  std::vector<FstabEntry> entries = parse_fstab(
      "# /etc/fstab\n"
      "UUID=1234-abcd /               ext4    errors=remount-ro 0       1\n"
      "\n"
      "  /dev/vdb1\t/mnt/my\\040data xfs defaults,nofail 0 2\n"
      "tmpfs /tmp tmpfs\n"
      "broken-line\n"
      "/swapfile none swap sw 0 0");
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].source, "UUID=1234-abcd");
  EXPECT_EQ(entries[0].mount_point, "/");
  EXPECT_EQ(entries[0].type, "ext4");
  EXPECT_EQ(entries[0].options, (std::vector<std::string>{"errors=remount-ro"}));
  EXPECT_EQ(entries[0].line, 2);
  EXPECT_EQ(entries[1].mount_point, "/mnt/my data");
  EXPECT_TRUE(entries[1].has_option("nofail"));
  EXPECT_EQ(entries[1].line, 4);
  EXPECT_EQ(entries[2].options, (std::vector<std::string>{"defaults"}));
  EXPECT_FALSE(entries[2].on_block_device());
  EXPECT_TRUE(entries[3].is_swap());
  EXPECT_FALSE(entries[3].on_block_device());
}

TEST(ParseFstab, BlockDeviceSources) {
  struct Case {
    const char* line;
    bool block;
  };
  for (const Case& c :
       {Case{"UUID=x / ext4", true}, Case{"LABEL=root / ext4", true}, Case{"PARTUUID=x /b ext4", true},
        Case{"/dev/mapper/vg-root / xfs", true}, Case{"proc /proc proc", false},
        Case{"server:/export /nfs nfs", false}, Case{"/dev/vdb1 /srv none bind", false}}) {
    std::vector<FstabEntry> entries = parse_fstab(c.line);
    ASSERT_EQ(entries.size(), 1u) << c.line;
    EXPECT_EQ(entries[0].on_block_device(), c.block) << c.line;
  }
}

TEST(BareDeviceName, KernelNamesOnly) {
  for (const char* bare : {"/dev/sda", "/dev/sda1", "/dev/vdb", "/dev/xvda2", "/dev/hda3", "/dev/nvme0n1p1"})
    EXPECT_TRUE(is_bare_device_name(bare)) << bare;
  for (const char* stable :
       {"UUID=abc", "/dev/mapper/vg-root", "/dev/disk/by-uuid/abc", "/dev/md0", "/dev/sda1x"})
    EXPECT_FALSE(is_bare_device_name(stable)) << stable;
}

TEST(BareDeviceName, DiskAndWhetherItIsTheFirst) {
  struct Case {
    const char* source;
    const char* disk;
    bool first;
  };
  for (const Case& c :
       {Case{"/dev/sda", "sda", true}, Case{"/dev/sda1", "sda", true}, Case{"/dev/vda2", "vda", true},
        Case{"/dev/xvda1", "xvda", true}, Case{"/dev/hda", "hda", true},
        Case{"/dev/nvme0n1p2", "nvme0n1", true}, Case{"/dev/sdb", "sdb", false},
        Case{"/dev/sdb1", "sdb", false}, Case{"/dev/vdb1", "vdb", false}, Case{"/dev/xvdb1", "xvdb", false},
        Case{"/dev/hdb3", "hdb", false}, Case{"/dev/sdaa1", "sdaa", false},
        Case{"/dev/nvme1n1", "nvme1n1", false}, Case{"/dev/nvme1n1p1", "nvme1n1", false},
        Case{"/dev/nvme0n2", "nvme0n2", false}, Case{"UUID=abc", "", false},
        Case{"/dev/mapper/vg-data", "", false}, Case{"/dev/sdb1x", "", false},
        Case{"/dev/nvme1n1p", "", false}}) {
    EXPECT_EQ(bare_device_disk(c.source), c.disk) << c.source;
    if (*c.disk != '\0') {
      EXPECT_EQ(is_first_disk(c.disk), c.first) << c.source;
    }
  }
}

}  // namespace
}  // namespace image_agent::guest
