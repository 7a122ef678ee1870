#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "precheck/context.h"
#include "precheck/facts/superblock.h"

namespace image_agent::precheck {

/// A file system (or nothing) found by libblkid in a partition or on a whole device.
struct ProbedFs {
  int number = 0;  ///< partition number; 0 for a whole device
  uint64_t offset = 0;
  uint64_t size = 0;
  std::string type;  ///< "ext4", "xfs", "vfat", "swap", "LVM2_member", "crypto_LUKS", "" unknown
  std::string uuid;
  std::string label;
  std::string part_uuid;   ///< partition's PARTUUID (GPT GUID, or MBR "disk-id-NN")
  std::string part_label;  ///< GPT partition name
  ExtFeatures ext;         ///< for ext2/3/4, from the superblock
  bool xfs = false;        ///< the XFS superblock magic was read
};

/// What libblkid finds on a disk: its partition table and the file system of each partition.
struct DiskLayout {
  std::string table;                 ///< "dos" (MBR), "gpt", or "" when the disk has none
  std::vector<ProbedFs> partitions;  ///< by number; one entry numbered 0 for a disk without a table

  const ProbedFs* partition(int number) const;
  /// The file system an fstab or kernel command-line source names: UUID=, LABEL=,
  /// PARTUUID=, PARTLABEL= or /dev/disk/by-{uuid,label,partuuid,partlabel}/; nullptr when
  /// none here has it (or the source is of another kind).
  const ProbedFs* find(std::string_view source) const;
};

/// True for the sources find() can resolve (tags and /dev/disk/by-{uuid,...}/ links).
bool is_tagged_source(std::string_view source);

/// Probes a disk (a block device or an image file) with libblkid.
Result<DiskLayout> probe_disk(const std::string& path);
/// Probes the one file system on a device or file (an LVM volume, a partition node).
Result<ProbedFs> probe_filesystem(const std::string& path);

/// The root disk's layout and the root file system, probed once per run; `unavailable`
/// says why not (no block device, not root, no device node).
struct DiskFacts {
  std::string unavailable;
  std::string disk_path;  ///< the node read: "/dev/vda"
  DiskLayout layout;
  ProbedFs root_fs;

  bool available() const { return unavailable.empty(); }
  /// find() over the disk's partitions and the root file system (which may be an LVM volume).
  const ProbedFs* find(std::string_view source) const;
};
const DiskFacts& disk_facts(const Context& context);

}  // namespace image_agent::precheck
