// inode_usage: the root file system has used less than 90% of its inodes (warn_percent);
// at 90% WARNING, at 98% (fail_percent) FAILED: no new files can be created.
// Source: image_check's "inode use rate" item.
#include "precheck/context.h"
#include "precheck/facts/fs_usage.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  const FsUsage& usage = root_fs_usage(context);
  if (!usage.unavailable.empty()) return skipped(usage.unavailable);
  const double used = usage.inode_percent();
  // xfs and btrfs allocate inodes on demand and may report none.
  if (used < 0) return ok("the root file system has no fixed inode count");
  std::vector<Evidence> evidence{{"inodes_used_percent", std::to_string(static_cast<int>(used))}};
  return percent_verdict(
      context, used, std::to_string(static_cast<int>(used)) + "% of the root file system's inodes are used",
      "Remove small files on the root file system (caches, mail spools, session files).",
      std::move(evidence));
}

}  // namespace

extern const Item kInodeUsageItem{
    "inode_usage", "inode use rate",  2300,  "inode use >= 90% WARNING, >= 98% FAILED",
    "image_check", ItemKind::kDevice, &check};

}  // namespace image_agent::precheck::checks
