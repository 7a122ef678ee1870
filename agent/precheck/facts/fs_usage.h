#pragma once

#include <cstdint>
#include <string>

#include "precheck/context.h"

namespace image_agent::precheck {

/// How full the root file system is, in blocks and inodes, as df counts it: the part
/// reserved for root counts as neither used nor available.
struct FsUsage {
  std::string unavailable;  ///< why it could not be measured; "" when it was
  uint64_t blocks_used = 0;
  uint64_t blocks_available = 0;
  uint64_t inodes_used = 0;
  uint64_t inodes_total = 0;

  /// Percent used, rounded up like df; nullopt-like -1 when the file system reports none.
  double block_percent() const;
  double inode_percent() const;
};

/// statvfs of the root directory, once per run. Skipped (`unavailable`) when the root is
/// a plain directory on some other file system rather than the guest's own.
const FsUsage& root_fs_usage(const Context& context);

}  // namespace image_agent::precheck
