// Block and inode use of the root file system (statvfs), for disk_usage and inode_usage.
#include "precheck/facts/fs_usage.h"

#include <sys/statvfs.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include "precheck/facts/root_device.h"

namespace image_agent::precheck {
namespace {

double percent(uint64_t used, uint64_t total) {
  if (total == 0) return -1;
  return std::ceil(100.0 * static_cast<double>(used) / static_cast<double>(total));
}

}  // namespace

double FsUsage::block_percent() const {
  return percent(blocks_used, blocks_used + blocks_available);
}
double FsUsage::inode_percent() const {
  return percent(inodes_used, inodes_total);
}

const FsUsage& root_fs_usage(const Context& context) {
  return context.fact<FsUsage>("root_fs_usage", [&] {
    FsUsage usage;
    const RootDevice& root = root_device(context);
    if (root.plain_directory) {
      usage.unavailable = root.unavailable;
      return usage;
    }
    struct statvfs st {};
    if (::statvfs(context.fs().root().c_str(), &st) != 0) {
      usage.unavailable = "statvfs " + context.fs().root() + ": " + std::strerror(errno);
      return usage;
    }
    usage.blocks_used = st.f_blocks - st.f_bfree;
    usage.blocks_available = st.f_bavail;
    usage.inodes_total = st.f_files;
    usage.inodes_used = st.f_files - st.f_ffree;
    return usage;
  });
}

}  // namespace image_agent::precheck
