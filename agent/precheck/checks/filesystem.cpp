// filesystem: the root file system is xfs, ext3 or ext4 (ext2 is allowed); any other type
// fails; an ext4 with the 64bit feature fails, as does one with both project and quota.
// Types from libblkid on the root device (mountinfo when it cannot be read), features from
// the ext superblock. Source: image_check's "filesystem" item, seed 002 §3.3.2.
#include <set>

#include "precheck/context.h"
#include "precheck/facts/disk_probe.h"
#include "precheck/facts/root_device.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  const RootDevice& root = root_device(context);
  if (root.plain_directory || root.mount.fstype.empty()) return skipped(root.unavailable);
  const DiskFacts& disk = disk_facts(context);
  const std::string type =
      disk.available() && !disk.root_fs.type.empty() ? disk.root_fs.type : root.mount.fstype;
  std::vector<Evidence> evidence{{"type", type},
                                 {"device", root.name.empty() ? root.mount.source : root.name}};
  static const std::set<std::string, std::less<>> kAllowed{"xfs", "ext2", "ext3", "ext4"};
  if (!kAllowed.contains(type))
    return problem(context, 1, "the root file system is " + type + "; the cloud supports xfs, ext3 and ext4",
                   "Move the root file system to xfs or ext4.", std::move(evidence));
  if (type == "xfs" || type == "ext2" || type == "ext3")
    return ok("root file system is " + type, std::move(evidence));
  if (!disk.available())
    return skipped("the ext4 features need its superblock: " + disk.unavailable, std::move(evidence));
  const ExtFeatures& features = disk.root_fs.ext;
  evidence.emplace_back("features", describe(features));
  if (features.bit64)
    return problem(
        context, 2, "the root ext4 file system has the 64bit feature",
        "Create the root file system with mkfs.ext4 -O ^64bit (or resize2fs -s to drop it offline).",
        std::move(evidence));
  if (features.project && features.quota)
    return problem(context, 3, "the root ext4 file system has both the project and quota features",
                   "Turn off one of them: tune2fs -O ^project (or ^quota) on the unmounted file system.",
                   std::move(evidence));
  return ok("root file system is ext4 (" + describe(features) + ")", std::move(evidence));
}

}  // namespace

extern const Item kFilesystemItem{
    "filesystem",
    "filesystem",
    1000,
    "root fs xfs/ext3/ext4 (ext2 allowed); no ext4 64bit; not project and quota together",
    "image_check, seed 002 §3.3.2",
    ItemKind::kDevice,
    &check};

}  // namespace image_agent::precheck::checks
