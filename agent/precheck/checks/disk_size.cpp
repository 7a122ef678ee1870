// disk_size: the system disk is 40-500 GiB: OK; 5-40 or 500-2048 GiB: WARNING; above 2048
// GiB (the MBR limit): FAILED; below 5 GiB the cloud refuses it: FAILED. The limits are
// the policy's min_gib, ok_min_gib, ok_max_gib, max_gib. Size of the disk behind the root
// mount, from sysfs. Source: image_check's "disk size" item, seed 001.
#include <cstdio>

#include "precheck/context.h"
#include "precheck/facts/root_device.h"

namespace image_agent::precheck::checks {
namespace {

std::string gib(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f GiB", value);
  return text;
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
  const std::string what = "the system disk " + root.disk + " is " + gib(size);
  if (size < min)
    return problem_at(context, Status::kFailed, 1, what + ", below the minimum of " + gib(min),
                      "Use a system disk of at least " + gib(ok_min) + ".", std::move(evidence));
  if (size > max)
    return problem_at(context, Status::kFailed, 4, what + ", above the maximum of " + gib(max),
                      "Shrink the system disk to at most " + gib(ok_max) + " and move data to data disks.",
                      std::move(evidence));
  if (size < ok_min)
    return problem_at(
        context, Status::kWarning, 2, what + ", below " + gib(ok_min),
        "Grow the system disk to at least " + gib(ok_min) + ", or pick a larger disk at import.",
        std::move(evidence));
  if (size > ok_max)
    return problem_at(context, Status::kWarning, 3, what + ", above " + gib(ok_max),
                      "Keep the system disk at most " + gib(ok_max) + "; put data on data disks.",
                      std::move(evidence));
  return ok(what, std::move(evidence));
}

}  // namespace

extern const Item kDiskSizeItem{"disk_size",
                                "disk size",
                                2100,
                                "system disk 40-500 GiB OK; 5-40 or 500-2048 GiB WARNING; > 2048 GiB FAILED",
                                "image_check, seed 001",
                                ItemKind::kDevice,
                                &check};

}  // namespace image_agent::precheck::checks
