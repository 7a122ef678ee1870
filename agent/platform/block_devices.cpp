#include "platform/block_devices.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "platform/host_files.h"

namespace image_agent {
namespace {

std::string base_name(const std::string& path) {
  return path.substr(path.rfind('/') + 1);
}
std::string dir_name(const std::string& path) {
  return path.substr(0, path.rfind('/'));
}

bool parse_dev(const std::string& text, unsigned* major, unsigned* minor) {
  return std::sscanf(text.c_str(), "%u:%u", major, minor) == 2;
}

/// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescape_mountinfo(const std::string& field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      out += static_cast<char>(std::stoi(field.substr(i + 1, 3), nullptr, 8));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

int preference(const std::string& disk) {
  if (disk.rfind("vd", 0) == 0) return 0;
  if (disk.rfind("xvd", 0) == 0) return 1;
  if (disk.rfind("sd", 0) == 0) return 2;
  if (disk.rfind("nvme", 0) == 0) return 3;
  return -1;
}

}  // namespace

std::optional<std::string> disk_of_device(const std::string& sysfs, unsigned major, unsigned minor) {
  std::optional<std::string> device =
      host_real_path(sysfs + "/dev/block/" + std::to_string(major) + ":" + std::to_string(minor));
  for (int depth = 0; device && depth < 8; ++depth) {
    if (host_exists(*device + "/partition")) return base_name(dir_name(*device));
    // device-mapper (LVM, LUKS): follow the first underlying device.
    std::vector<std::string> slaves = host_dir_names(*device + "/slaves");
    if (slaves.empty()) {
      if (host_exists(*device + "/dev")) return base_name(*device);  // a whole disk
      return std::nullopt;
    }
    device = host_real_path(*device + "/slaves/" + slaves.front());
  }
  return std::nullopt;
}

std::optional<std::string> first_cloud_disk(const std::string& sysfs) {
  std::vector<std::string> disks;
  for (std::string& name : host_dir_names(sysfs + "/block")) {
    if (preference(name) >= 0) disks.push_back(std::move(name));
  }
  if (disks.empty()) return std::nullopt;
  std::sort(disks.begin(), disks.end(), [](const std::string& a, const std::string& b) {
    return std::pair(preference(a), a) < std::pair(preference(b), b);
  });
  return disks.front();
}

std::optional<BlockDevice> partition_one(const std::string& sysfs, const std::string& disk) {
  const std::string dir = sysfs + "/block/" + disk;
  for (const std::string& name : host_dir_names(dir)) {
    if (read_host_line(dir + "/" + name + "/partition") != "1") continue;
    BlockDevice device{name, 0, 0};
    if (parse_dev(read_host_line(dir + "/" + name + "/dev"), &device.major, &device.minor)) return device;
  }
  return std::nullopt;
}

std::optional<std::string> mount_point_of(const std::string& mountinfo, unsigned major, unsigned minor) {
  const std::string wanted = std::to_string(major) + ":" + std::to_string(minor);
  std::istringstream lines(mountinfo);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string id, parent, dev, root, point;
    if (!(fields >> id >> parent >> dev >> root >> point)) continue;
    // Only a mount of the file system's own root shows partition 1's top directory.
    if (dev == wanted && root == "/") return unescape_mountinfo(point);
  }
  return std::nullopt;
}

std::optional<uint64_t> disk_size_bytes(const std::string& sysfs, const std::string& disk) {
  std::string text = read_host_line(sysfs + "/block/" + disk + "/size");
  uint64_t sectors = 0;
  if (text.empty() || std::sscanf(text.c_str(), "%lu", &sectors) != 1) return std::nullopt;
  return sectors * 512;
}

std::optional<MountEntry> mount_containing(const std::string& mountinfo, const std::string& path) {
  std::optional<MountEntry> best;
  std::istringstream lines(mountinfo);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string id, parent, dev, root, point, options, field;
    if (!(fields >> id >> parent >> dev >> root >> point >> options)) continue;
    while (fields >> field && field != "-") {
    }
    MountEntry entry;
    if (!(fields >> entry.fstype >> entry.source)) continue;
    if (std::sscanf(dev.c_str(), "%u:%u", &entry.major, &entry.minor) != 2) continue;
    entry.root = unescape_mountinfo(root);
    entry.mount_point = unescape_mountinfo(point);
    const std::string& mp = entry.mount_point;
    const bool contains =
        mp == "/" || path == mp ||
        (path.size() > mp.size() && path.compare(0, mp.size(), mp) == 0 && path[mp.size()] == '/');
    if (contains && (!best || mp.size() >= best->mount_point.size())) best = std::move(entry);
  }
  return best;
}

}  // namespace image_agent
