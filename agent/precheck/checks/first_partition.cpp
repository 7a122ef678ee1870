// first_partition (Customized Linux): partition 1 of the system disk holds a FAT32, ext2,
// ext3, ext4 or UFS file system the cloud can write os.conf to, is writable, has the
// aliyun_custom_image/ directory, and the virtual disk is larger than 5 GiB
// (min_disk_gib). Read from the disk with libblkid and sysfs. Source: seed 002 §3.3.5.
#include <sys/stat.h>

#include <set>

#include "platform/host_files.h"
#include "precheck/context.h"
#include "precheck/facts/disk_probe.h"
#include "precheck/facts/root_device.h"

namespace image_agent::precheck::checks {
namespace {

/// Whether partition 1 has aliyun_custom_image/: through the guest's root when it is the
/// root file system, else where the host mounted it; nullopt when it is not mounted.
std::optional<bool> has_custom_image_dir(const ItemContext& context, const RootDevice& root) {
  if (root.partition == 1 && root.dm_uuids.empty()) return context.fs().exists("/aliyun_custom_image");
  std::optional<BlockDevice> one = partition_one(context.sysfs(), root.disk);
  if (!one) return std::nullopt;
  std::optional<std::string> mounted =
      mount_point_of(read_host_file(context.mountinfo()), one->major, one->minor);
  if (!mounted) return std::nullopt;
  struct stat st {};
  return ::stat((*mounted + "/aliyun_custom_image").c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Verdict check(const ItemContext& context) {
  const DiskFacts& disk = disk_facts(context);
  if (!disk.available()) return skipped(disk.unavailable);
  const RootDevice& root = root_device(context);
  const ProbedFs* one = disk.layout.table.empty() ? nullptr : disk.layout.partition(1);
  if (one == nullptr)
    return problem(context, 1, disk.disk_path + " has no partition 1",
                   "Partition the system disk; the cloud writes its configuration to partition 1.");
  std::vector<Evidence> evidence{{"disk", disk.disk_path},
                                 {"type", one->type.empty() ? "unknown" : one->type}};
  static const std::set<std::string, std::less<>> kWritable{"vfat", "ext2", "ext3", "ext4", "ufs"};
  if (!kWritable.contains(one->type))
    return problem(context, 2,
                   "partition 1 holds " +
                       (one->type.empty() ? std::string("no known file system") : one->type) +
                       "; the cloud writes os.conf only to FAT32, ext2, ext3, ext4 or UFS",
                   "Make partition 1 an ext4 (e.g. /boot) or FAT32 file system.", std::move(evidence));
  std::optional<BlockDevice> sys_one = partition_one(context.sysfs(), root.disk);
  if (sys_one &&
      read_host_file(context.sysfs() + "/block/" + root.disk + "/" + sys_one->name + "/ro").starts_with("1"))
    return problem(context, 3, "partition 1 (" + sys_one->name + ") is read-only",
                   "Make partition 1 writable.", std::move(evidence));
  const double min_gib = context.threshold("min_disk_gib", 5);
  if (root.disk_bytes && static_cast<double>(*root.disk_bytes) <= min_gib * 1024 * 1024 * 1024)
    return problem(context, 5,
                   "the system disk is not larger than " + std::to_string(static_cast<int>(min_gib)) + " GiB",
                   "Use a larger system disk.", std::move(evidence));
  std::optional<bool> dir = has_custom_image_dir(context, root);
  if (!dir)
    return skipped("partition 1 is not mounted: cannot see whether aliyun_custom_image/ exists",
                   std::move(evidence));
  if (!*dir)
    return problem(context, 4, "partition 1 has no aliyun_custom_image/ directory",
                   "Create aliyun_custom_image/ at the top of partition 1.", std::move(evidence));
  return ok("partition 1 is " + one->type + " with aliyun_custom_image/", std::move(evidence));
}

}  // namespace

extern const Item kFirstPartitionItem{
    "first_partition",
    "",
    2800,
    "partition 1 writable FAT32/ext2/ext3/ext4/UFS with aliyun_custom_image/; disk > 5 GiB",
    "seed 002 §3.3.5",
    ItemKind::kDevice,
    &check};

}  // namespace image_agent::precheck::checks
