#pragma once

// /etc/fstab (fstab(5)): what the guest mounts at boot, and whether its sources name a
// file system or a kernel device name that changes with the hardware.
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

/// One line of /etc/fstab.
struct FstabEntry {
  std::string source;       ///< "UUID=...", "/dev/vda1", "tmpfs"
  std::string mount_point;  ///< "/", "/boot", "none" (swap)
  std::string type;         ///< "ext4", "swap", "xfs"
  std::vector<std::string> options;
  int line = 0;

  bool has_option(std::string_view option) const;
  /// A file system on a block device (not proc, tmpfs, a bind mount or a network share).
  bool on_block_device() const;
  bool is_swap() const { return type == "swap"; }
};

/// Parses fstab text: comments and blank lines skipped, octal escapes (\040) undone,
/// lines with fewer than three fields ignored; options default to "defaults".
std::vector<FstabEntry> parse_fstab(std::string_view text);

/// The guest's /etc/fstab, read through `fs` and parsed; the error is the read's (ENOENT
/// when the guest has none).
Result<std::vector<FstabEntry>> read_fstab(const RootFs& fs);

/// A bare kernel device name (/dev/sda1, /dev/vdb, /dev/xvda2, /dev/hda, /dev/nvme0n1p1),
/// which changes with the hardware the instance runs on.
bool is_bare_device_name(std::string_view source);

/// The disk of a bare kernel device name: "sdb" for /dev/sdb1, "nvme1n1" for
/// /dev/nvme1n1p2; "" for any other source.
std::string_view bare_device_disk(std::string_view source);

/// The first disk of its kind (sda, hda, vda, xvda, nvme0n1): the one an instance boots
/// from. Any other (sdb, vdc, xvdb, nvme1n1, nvme0n2, ...) is a data disk there.
bool is_first_disk(std::string_view disk);

}  // namespace image_agent::guest
