#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace image_agent {

// Block devices as the host's sysfs and mount table describe them. Pure functions of a
// sysfs root and mountinfo text, so tests can hand in fakes; firstboot uses them to find
// partition 1, precheck to find the disk behind the root mount.

/// A block device: its sysfs name ("vda1") and number.
struct BlockDevice {
  std::string name;
  unsigned major = 0;
  unsigned minor = 0;
};

/// The disk that holds device `major:minor` (a partition, a whole disk, or a
/// device-mapper device whose first slave is followed), from `sysfs` (normally /sys).
std::optional<std::string> disk_of_device(const std::string& sysfs, unsigned major, unsigned minor);

/// The first virtio, Xen, SCSI/SATA or NVMe disk in /sys/block (vd*, xvd*, sd*, nvme*,
/// in that order of preference, then by name).
std::optional<std::string> first_cloud_disk(const std::string& sysfs);

/// Partition 1 of `disk` (vda1, nvme0n1p1, loop0p1...).
std::optional<BlockDevice> partition_one(const std::string& sysfs, const std::string& disk);

/// The size of `disk` in bytes (sysfs counts 512-byte sectors), or nullopt.
std::optional<uint64_t> disk_size_bytes(const std::string& sysfs, const std::string& disk);

/// Where `device` is mounted according to /proc/self/mountinfo text, if anywhere.
std::optional<std::string> mount_point_of(const std::string& mountinfo, unsigned major, unsigned minor);

/// One line of mountinfo.
struct MountEntry {
  unsigned major = 0;
  unsigned minor = 0;
  std::string root;         ///< the directory of the file system mounted there ("/" usually)
  std::string mount_point;  ///< unescaped
  std::string fstype;       ///< "ext4", "xfs", "overlay"...
  std::string source;       ///< "/dev/vda1"
};

/// The mount that `path` (absolute, normalised) lies on: the longest mount point that is a
/// prefix of it; the last such mount wins, as the kernel stacks them.
std::optional<MountEntry> mount_containing(const std::string& mountinfo, const std::string& path);

}  // namespace image_agent
