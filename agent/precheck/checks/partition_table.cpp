// partition_table: the system disk has an MBR (dos) partition table; GPT boots only in
// UEFI mode, which must be chosen at import: WARNING. Read from the disk with libblkid.
// Source: image_check's "partition table" item, seed 001.
#include "precheck/context.h"
#include "precheck/facts/disk_probe.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  const DiskFacts& disk = disk_facts(context);
  if (!disk.available()) return skipped(disk.unavailable);
  const std::string& table = disk.layout.table;
  std::vector<Evidence> evidence{{"disk", disk.disk_path}, {"table", table.empty() ? "none" : table}};
  if (table == "dos") return ok("MBR partition table on " + disk.disk_path, std::move(evidence));
  if (table == "gpt")
    return problem(
        context, 1, "GPT partition table on " + disk.disk_path + ": the image must be imported for UEFI boot",
        "Choose UEFI boot mode when importing the image, or convert the disk to MBR.", std::move(evidence));
  if (table.empty())
    return problem(context, 2, disk.disk_path + " has no partition table",
                   "Install the system on a partitioned disk (MBR).", std::move(evidence));
  return problem(context, 3, disk.disk_path + " has a " + table + " partition table",
                 "Use an MBR (or GPT) partition table.", std::move(evidence));
}

}  // namespace

extern const Item kPartitionTableItem{
    "partition_table",       "partition table", 1600,  "MBR OK; GPT WARNING (needs UEFI boot)",
    "image_check, seed 001", ItemKind::kDevice, &check};

}  // namespace image_agent::precheck::checks
