#include "firstboot/locate.h"

#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

namespace image_agent::firstboot {
namespace {

namespace fs = std::filesystem;

std::string read_small(const fs::path& path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
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
  std::error_code ec;
  fs::path device = fs::canonical(
      fs::path(sysfs) / "dev/block" / (std::to_string(major) + ":" + std::to_string(minor)), ec);
  for (int depth = 0; !ec && depth < 8; ++depth) {
    if (fs::exists(device / "partition", ec)) return device.parent_path().filename().string();
    // device-mapper (LVM, LUKS): follow the first underlying device.
    std::vector<fs::path> slaves;
    for (const auto& entry : fs::directory_iterator(device / "slaves", ec)) slaves.push_back(entry.path());
    if (ec || slaves.empty()) {
      ec.clear();
      if (fs::exists(device / "dev", ec)) return device.filename().string();  // a whole disk
      return std::nullopt;
    }
    std::sort(slaves.begin(), slaves.end());
    device = fs::canonical(slaves.front(), ec);
  }
  return std::nullopt;
}

std::optional<std::string> first_cloud_disk(const std::string& sysfs) {
  std::vector<std::string> disks;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(sysfs) / "block", ec)) {
    std::string name = entry.path().filename();
    if (preference(name) >= 0) disks.push_back(name);
  }
  if (disks.empty()) return std::nullopt;
  std::sort(disks.begin(), disks.end(), [](const std::string& a, const std::string& b) {
    return std::pair(preference(a), a) < std::pair(preference(b), b);
  });
  return disks.front();
}

std::optional<BlockDevice> partition_one(const std::string& sysfs, const std::string& disk) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(sysfs) / "block" / disk, ec)) {
    if (read_small(entry.path() / "partition") != "1") continue;
    BlockDevice device{entry.path().filename(), 0, 0};
    if (parse_dev(read_small(entry.path() / "dev"), &device.major, &device.minor)) return device;
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

Result<BlockDevice> find_system_partition_one(const std::string& sysfs) {
  struct stat root {};
  std::optional<std::string> disk;
  if (::stat("/", &root) == 0) disk = disk_of_device(sysfs, ::major(root.st_dev), ::minor(root.st_dev));
  if (!disk) disk = first_cloud_disk(sysfs);
  if (!disk) return Error{"no system disk found in " + sysfs + "/block", ENODEV};
  std::optional<BlockDevice> part = partition_one(sysfs, *disk);
  if (!part) return Error{"disk " + *disk + " has no partition 1", ENODEV};
  return *part;
}

Result<PartitionMount> PartitionMount::open(const BlockDevice& device, std::chrono::milliseconds wait,
                                            const std::string& mountinfo_path) {
  PartitionMount mount;
  std::ifstream info(mountinfo_path);
  std::stringstream text;
  text << info.rdbuf();
  if (std::optional<std::string> point = mount_point_of(text.str(), device.major, device.minor)) {
    mount.directory_ = *point;
    return mount;
  }

  // The node may appear late (udev); without udev at all, we make our own.
  const dev_t number = ::makedev(device.major, device.minor);
  std::string node = "/dev/" + device.name;
  auto deadline = std::chrono::steady_clock::now() + wait;
  struct stat st {};
  while (!(::stat(node.c_str(), &st) == 0 && S_ISBLK(st.st_mode) && st.st_rdev == number)) {
    if (std::chrono::steady_clock::now() >= deadline) {
      node.clear();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  char dir_template[] = "/run/image-agent-osconf.XXXXXX";
  char fallback_template[] = "/tmp/image-agent-osconf.XXXXXX";
  char* dir = ::mkdtemp(dir_template);
  if (dir == nullptr) dir = ::mkdtemp(fallback_template);
  if (dir == nullptr) return Error::from_errno("create a mount point");
  mount.temp_dir_ = dir;
  mount.directory_ = std::string(dir) + "/mnt";
  if (::mkdir(mount.directory_.c_str(), 0700) != 0) return Error::from_errno("create " + mount.directory_);
  if (node.empty()) {
    mount.temp_node_ = std::string(dir) + "/" + device.name;
    if (::mknod(mount.temp_node_.c_str(), S_IFBLK | 0600, number) != 0) {
      return Error::from_errno("make a device node for " + device.name);
    }
    node = mount.temp_node_;
  }
  // Our mount stays out of everyone else's view: a private namespace, no propagation.
  if (::unshare(CLONE_NEWNS) != 0) return Error::from_errno("unshare the mount namespace");
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return Error::from_errno("make mounts private");
  }
  std::string tried;
  for (const char* type : {"ext4", "ext3", "ext2", "vfat", "ufs"}) {
    if (::mount(node.c_str(), mount.directory_.c_str(), type, MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) ==
        0) {
      return mount;
    }
    tried += std::string(tried.empty() ? "" : ", ") + type + ": " + std::strerror(errno);
  }
  return Error{"mount " + device.name + " failed (" + tried + ")", EINVAL};
}

PartitionMount::PartitionMount(PartitionMount&& other) noexcept
    : directory_(std::move(other.directory_)),
      temp_dir_(std::exchange(other.temp_dir_, {})),
      temp_node_(std::exchange(other.temp_node_, {})) {}

PartitionMount::~PartitionMount() {
  if (temp_dir_.empty()) return;
  // A lazy unmount only if something still holds it: it leaves the device busy a while.
  if (::umount2(directory_.c_str(), 0) != 0) ::umount2(directory_.c_str(), MNT_DETACH);
  ::rmdir(directory_.c_str());
  if (!temp_node_.empty()) ::unlink(temp_node_.c_str());
  ::rmdir(temp_dir_.c_str());
}

}  // namespace image_agent::firstboot
