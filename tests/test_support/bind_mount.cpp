#include "test_support/bind_mount.h"

#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace image_agent::testing {

std::string own_mount_namespace() {
  static std::string failure = [] {
    if (::geteuid() != 0) return std::string("needs root to mount");
    if (::unshare(CLONE_NEWNS) != 0) return std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
      return std::string("make mounts private: ") + std::strerror(errno);
    }
    return std::string();
  }();
  return failure;
}

ScopedBindMount::ScopedBindMount(const std::string& source, const std::string& target) {
  skip_reason_ = own_mount_namespace();
  if (!skip_reason_.empty()) return;
  if (::mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) != 0) {
    skip_reason_ = "mount --bind " + source + " " + target + ": " + std::strerror(errno);
    return;
  }
  target_ = target;
}

ScopedBindMount::~ScopedBindMount() {
  if (!target_.empty()) ::umount2(target_.c_str(), MNT_DETACH);
}

}  // namespace image_agent::testing
