#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>

#include "platform/result.h"

namespace image_agent::firstboot {

// Finding os.conf at boot: the cloud writes aliyun_custom_image/os.conf into the root
// of partition 1 of the system disk, whose device name differs between instance types.

inline constexpr const char* kOsConfRelativePath = "aliyun_custom_image/os.conf";

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

/// Where `device` is mounted according to /proc/self/mountinfo text, if anywhere.
std::optional<std::string> mount_point_of(const std::string& mountinfo, unsigned major, unsigned minor);

/// Partition 1, usable as a directory for as long as this lives: where it is already
/// mounted, or mounted by us in a private mount namespace (ext4, ext3, ext2, vfat, ufs)
/// and unmounted again on destruction.
class PartitionMount {
 public:
  /// Mounts `device` unless mountinfo shows it mounted already. Waits up to `wait` for
  /// its /dev node (udev may be late at boot); without one, makes a private node.
  static Result<PartitionMount> open(const BlockDevice& device, std::chrono::milliseconds wait,
                                     const std::string& mountinfo_path = "/proc/self/mountinfo");
  PartitionMount(PartitionMount&& other) noexcept;
  PartitionMount& operator=(PartitionMount&&) = delete;
  PartitionMount(const PartitionMount&) = delete;
  PartitionMount& operator=(const PartitionMount&) = delete;
  ~PartitionMount();

  const std::string& directory() const { return directory_; }
  bool mounted_by_us() const { return !temp_dir_.empty(); }

 private:
  PartitionMount() = default;
  std::string directory_;
  std::string temp_dir_;  // ours to unmount and remove; empty when already mounted
  std::string temp_node_;
};

/// The system disk's partition 1 (see disk_of_device, first_cloud_disk), for the live system.
Result<BlockDevice> find_system_partition_one(const std::string& sysfs = "/sys");

}  // namespace image_agent::firstboot
