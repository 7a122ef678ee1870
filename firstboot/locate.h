#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>

#include "platform/block_devices.h"
#include "platform/result.h"

namespace image_agent::firstboot {

// Finding os.conf at boot: the cloud writes aliyun_custom_image/os.conf into the root
// of partition 1 of the system disk, whose device name differs between instance types.

inline constexpr const char* kOsConfRelativePath = "aliyun_custom_image/os.conf";

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
