// nvme: the default kernel has the NVMe driver built in (CONFIG_BLK_DEV_NVME=y or
// modules.builtin) or in its initramfs: instance types with NVMe system disks need it to
// find the root file system. Source: the cloud's own import checks.
#include "precheck/context.h"
#include "precheck/facts/kernels.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  const KernelDrivers& drivers = default_kernel_drivers(context);
  if (drivers.version.empty())
    return problem(context, 1, drivers.error, "Install a kernel and its initramfs, and point GRUB at it.");
  std::vector<Evidence> evidence{{"kernel", drivers.version}, {"initramfs", drivers.initramfs}};
  if (drivers.built_in("nvme", "CONFIG_BLK_DEV_NVME"))
    return ok("nvme built into kernel " + drivers.version, evidence);
  if (drivers.loadable("nvme")) return ok("nvme in " + drivers.initramfs, evidence);
  if (!drivers.initramfs_error.empty())
    return skipped("cannot read " + drivers.initramfs + ": " + drivers.initramfs_error, std::move(evidence));
  return problem(context, 2,
                 "nvme neither built into kernel " + drivers.version + " nor in its initramfs" +
                     (drivers.initramfs.empty() ? " (it has none)" : " " + drivers.initramfs),
                 "Add the nvme module to the initramfs (dracut --add-drivers nvme, or "
                 "/etc/initramfs-tools/modules) and regenerate it.",
                 std::move(evidence));
}

}  // namespace

extern const Item kNvmeItem{
    "nvme", "", 200, "nvme driver built in or in the initramfs", "cloud-side check", ItemKind::kDevice,
    &check};

}  // namespace image_agent::precheck::checks
