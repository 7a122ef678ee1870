// lvm: the root file system must not be on an LVM logical volume: the cloud cannot grow
// or configure it. From sysfs: the root device's dm/uuid, and those beneath it, start
// with "LVM-" for LVM. Source: image_check's "lvm" item, seed 002 §3.1.1.
#include "precheck/context.h"
#include "precheck/facts/root_device.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  const RootDevice& root = root_device(context);
  if (!root.available()) return skipped(root.unavailable);
  std::vector<Evidence> evidence{{"device", root.name}, {"source", root.mount.source}};
  for (const std::string& uuid : root.dm_uuids) {
    if (uuid.starts_with("LVM-")) {
      evidence.emplace_back("dm_uuid", uuid);
      return problem(context, 1, "the root file system " + root.mount.source + " is an LVM logical volume",
                     "Install the root file system on a plain partition.", std::move(evidence));
    }
  }
  return ok("root file system on " + root.name + ", not LVM", std::move(evidence));
}

}  // namespace

extern const Item kLvmItem{
    "lvm", "lvm", 1700, "root file system on LVM", "image_check, seed 002 §3.1.1", ItemKind::kDevice, &check};

}  // namespace image_agent::precheck::checks
