#include "firstboot/locate.h"

#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstring>
#include <thread>
#include <utility>

#include "platform/host_files.h"

namespace image_agent::firstboot {

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
  if (std::optional<std::string> point =
          mount_point_of(read_host_file(mountinfo_path), device.major, device.minor)) {
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
