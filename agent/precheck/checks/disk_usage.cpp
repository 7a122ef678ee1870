// disk_usage: the root file system is less than 90% used (warn_percent); at 90% WARNING,
// at 98% (fail_percent) FAILED: the instance may not boot or install the cloud's agents.
// Counted like df. Source: image_check's "disk use rate" item, seed 003.
#include "precheck/context.h"
#include "precheck/facts/fs_usage.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  const FsUsage& usage = root_fs_usage(context);
  if (!usage.unavailable.empty()) return skipped(usage.unavailable);
  const double used = usage.block_percent();
  if (used < 0) return skipped("the root file system reports no block counts");
  std::vector<Evidence> evidence{{"used_percent", std::to_string(static_cast<int>(used))}};
  return percent_verdict(
      context, used, "the root file system is " + std::to_string(static_cast<int>(used)) + "% full",
      "Free space on the root file system (package caches, logs, old kernels).", std::move(evidence));
}

}  // namespace

extern const Item kDiskUsageItem{"disk_usage",
                                 "disk use rate",
                                 2200,
                                 "root fs use >= 90% WARNING, >= 98% FAILED",
                                 "image_check, seed 003",
                                 ItemKind::kDevice,
                                 &check};

}  // namespace image_agent::precheck::checks
