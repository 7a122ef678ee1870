// The device behind the root mount, from the host's mountinfo and sysfs: live, the
// running system's root disk; offline (--root on a mounted image), a loop device's
// partition.
#include "precheck/facts/root_device.h"

#include <cstdlib>

#include "platform/host_files.h"

namespace image_agent::precheck {
namespace {

std::string base_name(const std::string& path) {
  return path.substr(path.rfind('/') + 1);
}

}  // namespace

std::vector<std::string> dm_uuid_chain(const std::string& sysfs, const std::string& name) {
  std::vector<std::string> uuids;
  std::optional<std::string> device = host_real_path(sysfs + "/class/block/" + name);
  for (int depth = 0; device && depth < 8; ++depth) {
    if (!host_exists(*device + "/dm")) break;
    uuids.push_back(read_host_line(*device + "/dm/uuid"));
    std::vector<std::string> slaves = host_dir_names(*device + "/slaves");
    if (slaves.empty()) break;
    device = host_real_path(*device + "/slaves/" + slaves.front());
  }
  return uuids;
}

RootDevice find_root_device(const std::string& sysfs, const std::string& mountinfo, const std::string& root,
                            bool live) {
  RootDevice device;
  std::optional<MountEntry> mount = mount_containing(mountinfo, root);
  if (!mount) {
    device.unavailable = "no mount holds " + root + " in the mount table";
    return device;
  }
  device.mount = *mount;
  if (!live && mount->mount_point != root) {
    device.unavailable = root + " is a directory, not the mount point of an image's file system";
    device.plain_directory = true;
    return device;
  }
  if (mount->major == 0) {
    device.unavailable = "the root file system (" + mount->fstype + ") is not on a block device";
    return device;
  }
  const std::string number = std::to_string(mount->major) + ":" + std::to_string(mount->minor);
  std::optional<std::string> node = host_real_path(sysfs + "/dev/block/" + number);
  if (!node) {
    device.unavailable = "block device " + number + " of the root file system is not in " + sysfs;
    return device;
  }
  device.name = base_name(*node);
  std::string partition = read_host_line(*node + "/partition");
  if (!partition.empty()) device.partition = std::atoi(partition.c_str());
  std::optional<std::string> disk = disk_of_device(sysfs, mount->major, mount->minor);
  if (!disk) {
    device.unavailable = "no disk found under " + device.name + " in " + sysfs;
    return device;
  }
  device.disk = *disk;
  std::string disk_number = read_host_line(sysfs + "/block/" + *disk + "/dev");
  if (std::sscanf(disk_number.c_str(), "%u:%u", &device.disk_major, &device.disk_minor) != 2) {
    device.unavailable = "no device number for disk " + *disk + " in " + sysfs;
    return device;
  }
  device.disk_bytes = disk_size_bytes(sysfs, *disk);
  device.dm_uuids = dm_uuid_chain(sysfs, device.name);
  return device;
}

const RootDevice& root_device(const Context& context) {
  return context.fact<RootDevice>("root_device", [&] {
    std::optional<std::string> root = host_real_path(context.fs().root());
    if (!root) {
      RootDevice device;
      device.unavailable = "cannot resolve " + context.fs().root();
      return device;
    }
    return find_root_device(context.sysfs(), read_host_file(context.mountinfo()), *root, context.live());
  });
}

}  // namespace image_agent::precheck
