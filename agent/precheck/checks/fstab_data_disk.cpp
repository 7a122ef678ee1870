// fstab_data_disk: an fstab entry for a file system that is not on the system disk (a data
// disk, which the imported image does not carry) must have `nofail`, or boot stops in
// emergency mode. The kernel name of a disk other than the first (/dev/xvdb1 in seed 002
// §3.1.1's own example, sdb, vdb, hdb, nvme1n1 and their partitions) is a data disk on
// the instance, which boots from its first disk: decided from the name alone, offline
// too, without probing a device. Source: seed 002 §3.1.1, seed 000 (export), seed 003.
#include "precheck/context.h"
#include "precheck/facts/disk_probe.h"
#include "precheck/facts/fstab.h"
#include "precheck/facts/root_device.h"

namespace image_agent::precheck::checks {
namespace {

enum class Where { kSystemDisk, kElsewhere, kUnknown };

/// "vda1" is on disk "vda", as are "nvme0n1p2" on "nvme0n1" and "loop0p1" on "loop0".
bool on_disk(std::string_view name, std::string_view disk) {
  if (disk.empty() || !name.starts_with(disk)) return false;
  std::string_view rest = name.substr(disk.size());
  if (rest.starts_with("p")) rest.remove_prefix(1);
  for (char c : rest)
    if (c < '0' || c > '9') return false;
  return true;
}

Where locate(const guest::FstabEntry& entry, const DiskFacts& disk, const RootDevice& root) {
  if (is_tagged_source(entry.source)) {
    if (!disk.available()) return Where::kUnknown;
    return disk.find(entry.source) != nullptr ? Where::kSystemDisk : Where::kElsewhere;
  }
  if (guest::is_bare_device_name(entry.source)) {
    if (!guest::is_first_disk(guest::bare_device_disk(entry.source))) return Where::kElsewhere;
    if (!root.available()) return Where::kUnknown;
    return on_disk(entry.source.substr(5), root.disk) ? Where::kSystemDisk : Where::kElsewhere;
  }
  return Where::kUnknown;  // /dev/mapper/..., by-id, md: cannot tell here
}

Verdict check(const ItemContext& context) {
  const DiskFacts& disk = disk_facts(context);
  const RootDevice& root = root_device(context);
  std::vector<Evidence> data;
  bool undecided = false;
  for (const guest::FstabEntry& entry : guest_fstab(context)) {
    if (!entry.on_block_device() || entry.has_option("nofail") || entry.has_option("noauto")) continue;
    if (entry.mount_point == "/") continue;
    Where where = locate(entry, disk, root);
    if (where == Where::kElsewhere) data.emplace_back(entry.mount_point, entry.source);
    undecided = undecided || where == Where::kUnknown;
  }
  if (!data.empty()) {
    std::string list;
    for (const Evidence& e : data) list += (list.empty() ? "" : ", ") + e.first + " (" + e.second + ")";
    return problem(context, 1,
                   "/etc/fstab mounts file systems that are not on the system disk without nofail: " + list,
                   "Add nofail to the options of each data disk's line in /etc/fstab.", std::move(data));
  }
  if (undecided && !disk.available())
    return skipped("cannot tell which disk fstab's sources are on: " + disk.unavailable);
  return ok("every fstab mount is on the system disk or has nofail");
}

}  // namespace

extern const Item kFstabDataDiskItem{"fstab_data_disk",
                                     "",
                                     1200,
                                     "fstab mounts a file system not on the system disk without nofail",
                                     "seed 002 §3.1.1, seed 000, seed 003",
                                     ItemKind::kDevice,
                                     &check};

}  // namespace image_agent::precheck::checks
