// disk_size: the system disk is 40-500 GiB: OK; 5-40 or 500-2048 GiB: WARNING; above 2048
// GiB (the MBR limit): FAILED; below 5 GiB the cloud refuses it: FAILED. The limits are
// the policy's min_gib, ok_min_gib, ok_max_gib, max_gib. The comment quotes the limit
// crossed and the fix the OK range, both as the policy writes them ("40 GiB", not "40.0"),
// so the advice names no other number than the rule. Size of the disk behind the root
// mount, from sysfs. Source: image_check's "disk size" item (seed 002 §3.3.1: the best
// system disk is 40-500 GiB, set from the image's virtual size, not its used size), seed
// 001.
#include <cstdio>

#include "precheck/context.h"
#include "precheck/facts/root_device.h"

namespace image_agent::precheck::checks {
namespace {

/// A limit as the policy writes it: 40 -> "40 GiB", 2.5 -> "2.5 GiB".
std::string gib(double limit) {
  char text[32];
  std::snprintf(text, sizeof text, "%g GiB", limit);
  return text;
}

std::string fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

/// A measured size with one decimal, more where one would round it onto the `limit` it
/// is compared with (39.96 GiB is not "40.0 GiB, below 40 GiB").
std::string measured(double value, double limit) {
  int decimals = 1;
  while (decimals < 6 && value != limit && fixed(value, decimals) == fixed(limit, decimals)) ++decimals;
  return fixed(value, decimals) + " GiB";
}

Verdict check(const ItemContext& context) {
  const RootDevice& root = root_device(context);
  if (!root.available()) return skipped(root.unavailable);
  if (!root.disk_bytes) return skipped("no size for disk " + root.disk + " in " + context.sysfs());
  const double size = static_cast<double>(*root.disk_bytes) / (1024.0 * 1024 * 1024);
  const double min = context.threshold("min_gib", 5);
  const double ok_min = context.threshold("ok_min_gib", 40);
  const double ok_max = context.threshold("ok_max_gib", 500);
  const double max = context.threshold("max_gib", 2048);
  std::vector<Evidence> evidence{{"disk", root.disk}, {"bytes", std::to_string(*root.disk_bytes)}};
  const std::string what = "the system disk " + root.disk + " is ";
  char range[64];
  std::snprintf(range, sizeof range, "%g-%g GiB", ok_min, ok_max);
  const std::string grow = "Grow the system disk to " + std::string(range) +
                           "; at import, size it from the image's virtual size, not its used size.";
  const std::string shrink = "Shrink the system disk to " + std::string(range) + "; put data on data disks.";
  if (size < min)
    return problem_at(context, Status::kFailed, 1,
                      what + measured(size, min) + ", below the minimum of " + gib(min), grow,
                      std::move(evidence));
  if (size > max)
    return problem_at(context, Status::kFailed, 4,
                      what + measured(size, max) + ", above the maximum of " + gib(max), shrink,
                      std::move(evidence));
  if (size < ok_min)
    return problem_at(context, Status::kWarning, 2,
                      what + measured(size, ok_min) + ", below " + gib(ok_min) + " (OK: " + range + ")", grow,
                      std::move(evidence));
  if (size > ok_max)
    return problem_at(context, Status::kWarning, 3,
                      what + measured(size, ok_max) + ", above " + gib(ok_max) + " (OK: " + range + ")",
                      shrink, std::move(evidence));
  return ok(what + fixed(size, 1) + " GiB (OK: " + range + ")", std::move(evidence));
}

}  // namespace

extern const Item kDiskSizeItem{
    "disk_size",
    "disk size",
    2100,
    "system disk 40-500 GiB OK; 5-40 or 500-2048 GiB WARNING; < 5 or > 2048 GiB FAILED",
    "image_check, seed 001",
    ItemKind::kDevice,
    &check};

}  // namespace image_agent::precheck::checks
