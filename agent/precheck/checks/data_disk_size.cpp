// data_disk_size: no data disk is larger than 2 TiB (max_gib): such disks cannot be
// exported with the image. Data disks are the running system's other disks in sysfs;
// offline, an image has none to see. Source: seed 000 (export limits).
#include <algorithm>

#include "platform/host_files.h"
#include "precheck/context.h"
#include "precheck/facts/root_device.h"

namespace image_agent::precheck::checks {
namespace {

bool is_disk(const std::string& name) {
  for (const char* virtual_prefix : {"loop", "ram", "dm-", "sr", "zram", "md", "nbd", "fd"})
    if (name.starts_with(virtual_prefix)) return false;
  return true;
}

Verdict check(const ItemContext& context) {
  if (!context.live())
    return skipped("data disks are only known on the running system, not on a mounted image");
  const RootDevice& root = root_device(context);
  if (!root.available()) return skipped(root.unavailable);
  const double max = context.threshold("max_gib", 2048);
  const std::vector<std::string> names = host_dir_names(context.sysfs() + "/block");
  std::vector<Evidence> large;
  for (const std::string& name : names) {
    if (name == root.disk || !is_disk(name)) continue;
    std::optional<uint64_t> bytes = disk_size_bytes(context.sysfs(), name);
    if (bytes && static_cast<double>(*bytes) / (1024.0 * 1024 * 1024) > max)
      large.emplace_back(name, std::to_string(*bytes >> 30) + " GiB");
  }
  if (large.empty()) return ok("no data disk above " + std::to_string(static_cast<int>(max)) + " GiB");
  std::string list;
  for (const Evidence& e : large) list += (list.empty() ? "" : ", ") + e.first + " (" + e.second + ")";
  return problem(context, 1,
                 "data disks larger than " + std::to_string(static_cast<int>(max)) + " GiB: " + list,
                 "Move the data to disks of at most 2 TiB before exporting.", std::move(large));
}

}  // namespace

extern const Item kDataDiskSizeItem{
    "data_disk_size",  "",    3700, "a data disk larger than 2 TiB (cannot be exported)", "seed 000",
    ItemKind::kDevice, &check};

}  // namespace image_agent::precheck::checks
