// The device behind the root mount, from the host's mountinfo and sysfs: live, the
// running system's root disk; offline (--root on a mounted image), a loop device's
// partition.
#include "precheck/facts/root_device.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace image_agent::precheck {
namespace {

namespace fs = std::filesystem;

std::string read_line(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

std::vector<std::string> dm_uuid_chain(const std::string& sysfs, const std::string& name) {
  std::vector<std::string> uuids;
  std::error_code ec;
  fs::path device = fs::path(sysfs) / "class/block" / name;
  for (int depth = 0; depth < 8; ++depth) {
    device = fs::canonical(device, ec);
    if (ec || !fs::exists(device / "dm", ec)) break;
    uuids.push_back(read_line(device / "dm/uuid"));
    std::vector<fs::path> slaves;
    for (const auto& entry : fs::directory_iterator(device / "slaves", ec)) slaves.push_back(entry.path());
    if (ec || slaves.empty()) break;
    std::sort(slaves.begin(), slaves.end());
    device = slaves.front();
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
  std::error_code ec;
  fs::path node = fs::canonical(fs::path(sysfs) / "dev/block" / number, ec);
  if (ec) {
    device.unavailable = "block device " + number + " of the root file system is not in " + sysfs;
    return device;
  }
  device.name = node.filename();
  std::string partition = read_line(node / "partition");
  if (!partition.empty()) device.partition = std::atoi(partition.c_str());
  std::optional<std::string> disk = disk_of_device(sysfs, mount->major, mount->minor);
  if (!disk) {
    device.unavailable = "no disk found under " + device.name + " in " + sysfs;
    return device;
  }
  device.disk = *disk;
  std::string disk_number = read_line(fs::path(sysfs) / "block" / *disk / "dev");
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
    std::error_code ec;
    std::string root = fs::canonical(context.fs().root(), ec);
    if (ec) {
      RootDevice device;
      device.unavailable = "cannot resolve " + context.fs().root() + ": " + ec.message();
      return device;
    }
    return find_root_device(context.sysfs(), read_all(context.mountinfo()), root, context.live());
  });
}

}  // namespace image_agent::precheck
