// device_id: every fstab source that names a file system by UUID=, LABEL=, PARTUUID=,
// PARTLABEL= or a /dev/disk/by-* link resolves to a file system of the image (FAILED
// otherwise: boot stops at a missing root or mount); bare kernel names (/dev/sdX, /dev/vdX,
// /dev/xvdX, /dev/hdX) and by-id/by-path links depend on the hardware: WARNING.
// Source: image_check's "device id" item (its Chinese documentation), seed 002 §3.1.1.
#include "precheck/context.h"
#include "precheck/facts/disk_probe.h"
#include "precheck/facts/fstab.h"

namespace image_agent::precheck::checks {
namespace {

bool hardware_specific(const std::string& source) {
  return guest::is_bare_device_name(source) || source.starts_with("/dev/disk/by-id/") ||
         source.starts_with("/dev/disk/by-path/");
}

std::string where(const guest::FstabEntry& entry) {
  return entry.source + " (" + entry.mount_point + ", /etc/fstab line " + std::to_string(entry.line) + ")";
}

Verdict check(const ItemContext& context) {
  const std::vector<guest::FstabEntry>& fstab = guest_fstab(context);
  const DiskFacts& disk = disk_facts(context);
  // Volumes inside LVM or LUKS containers are not probed: their UUIDs cannot be checked.
  bool containers = false;
  for (const ProbedFs& fs : disk.layout.partitions)
    containers = containers || fs.type == "LVM2_member" || fs.type == "crypto_LUKS";
  std::vector<Evidence> unresolved;
  std::vector<Evidence> bare;
  bool undecided = false;
  for (const guest::FstabEntry& entry : fstab) {
    if (!entry.on_block_device()) continue;
    if (hardware_specific(entry.source)) {
      bare.emplace_back(entry.mount_point, entry.source);
    } else if (is_tagged_source(entry.source)) {
      if (!disk.available() || containers) {
        undecided = true;
      } else if (disk.find(entry.source) == nullptr) {
        unresolved.emplace_back(entry.mount_point, where(entry));
      }
    }
  }
  if (!unresolved.empty()) {
    std::string list;
    for (const Evidence& e : unresolved) list += (list.empty() ? "" : "; ") + e.second;
    return problem(context, 1, "no file system of the image has " + list,
                   "Refer to each file system by the UUID that blkid shows for it.", std::move(unresolved));
  }
  if (!bare.empty()) {
    std::string list;
    for (const Evidence& e : bare) list += (list.empty() ? "" : ", ") + e.second;
    return problem_at(
        context, Status::kWarning, 2, "/etc/fstab names devices by kernel or hardware name: " + list,
        "Use UUID= (see blkid) instead: device names change with the instance type.", std::move(bare));
  }
  if (undecided && !disk.available())
    return skipped("cannot resolve fstab's UUIDs and labels: " + disk.unavailable);
  return ok(undecided ? "fstab uses UUIDs and labels (volumes in LVM/LUKS not verified)"
                      : "every fstab source resolves to a file system of the image");
}

}  // namespace

extern const Item kDeviceIdItem{
    "device_id",
    "device id",
    1100,
    "fstab sources resolve to the image's file systems; bare /dev/sdX names WARNING",
    "image_check (Chinese doc), seed 002 §3.1.1",
    ItemKind::kDevice,
    &check};

}  // namespace image_agent::precheck::checks
