#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/block_devices.h"
#include "precheck/context.h"

namespace image_agent::precheck {

/// The block device behind the guest's root: the mount that holds the root directory in
/// the host's mountinfo, its device in sysfs, and the disk that device lives on. Needs no
/// privileges (sysfs and mountinfo are world-readable).
struct RootDevice {
  std::string unavailable;  ///< why there is no device to look at; "" when there is
  /// --root names a directory inside some file system, not the mount of an image's own.
  bool plain_directory = false;
  MountEntry mount;
  std::string name;   ///< sysfs name of the root file system's device: "vda1", "dm-0", "loop0p1"
  int partition = 0;  ///< its partition number, 0 when it is not a partition
  std::string disk;   ///< the disk under it: "vda", "loop0"
  unsigned disk_major = 0;
  unsigned disk_minor = 0;
  std::optional<uint64_t> disk_bytes;
  /// dm/uuid of the root device and of every device-mapper device beneath it
  /// ("LVM-...", "CRYPT-LUKS2-..."), top first.
  std::vector<std::string> dm_uuids;

  bool available() const { return unavailable.empty(); }
};

/// Computes the root device from `sysfs` and `mountinfo` text for the root directory
/// `root` (an absolute, canonical host path). `live`: the root is the running system's.
RootDevice find_root_device(const std::string& sysfs, const std::string& mountinfo, const std::string& root,
                            bool live);

/// The root device of the context, computed once per run.
const RootDevice& root_device(const Context& context);

/// dm/uuid of `name` and of the device-mapper devices beneath it, following slaves/.
std::vector<std::string> dm_uuid_chain(const std::string& sysfs, const std::string& name);

}  // namespace image_agent::precheck
