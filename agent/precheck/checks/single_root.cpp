// single_root: the system lives in one partition (/, besides /boot, the EFI system
// partition and swap): separate /usr, /var, /home... partitions are not carried over or
// grown by the cloud. WARNING. From fstab: system directories mounted from a block device,
// and other mounts from partitions of the system disk. Source: seed 002 §3.1.1, seed 003.
#include <array>

#include "precheck/context.h"
#include "precheck/facts/disk_probe.h"
#include "precheck/facts/fstab.h"

namespace image_agent::precheck::checks {
namespace {

bool allowed(const std::string& mount_point) {
  static constexpr std::array<std::string_view, 5> kAllowed{"/", "/boot", "/boot/efi", "/efi",
                                                            "/boot/firmware"};
  for (std::string_view a : kAllowed)
    if (mount_point == a) return true;
  return false;
}

bool system_directory(const std::string& mount_point) {
  static constexpr std::array<std::string_view, 7> kSystem{"/usr", "/var", "/home", "/opt",
                                                           "/srv", "/tmp", "/root"};
  for (std::string_view dir : kSystem)
    if (mount_point == dir || (mount_point.starts_with(dir) && mount_point[dir.size()] == '/')) return true;
  return false;
}

Verdict check(const ItemContext& context) {
  const DiskFacts& disk = disk_facts(context);
  std::vector<Evidence> extra;
  for (const guest::FstabEntry& entry : guest_fstab(context)) {
    if (!entry.on_block_device() || entry.is_swap() || allowed(entry.mount_point)) continue;
    bool on_system_disk = disk.available() && disk.find(entry.source) != nullptr;
    if (system_directory(entry.mount_point) || on_system_disk)
      extra.emplace_back(entry.mount_point, entry.source);
  }
  if (extra.empty()) return ok("one system partition (/)");
  std::string list;
  for (const Evidence& e : extra) list += (list.empty() ? "" : ", ") + e.first;
  return problem(context, 1, "system partitions besides /: " + list,
                 "Keep the system in the root file system (with /boot and swap at most).", std::move(extra));
}

}  // namespace

extern const Item kSingleRootItem{"single_root",
                                  "",
                                  1800,
                                  "more than one system partition besides / (and /boot, swap)",
                                  "seed 002 §3.1.1, seed 003",
                                  ItemKind::kDevice,
                                  &check};

}  // namespace image_agent::precheck::checks
