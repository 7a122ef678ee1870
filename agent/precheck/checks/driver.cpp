// driver: the default kernel has virtio_blk, virtio_net and virtio_pci built in (config
// =y or modules.builtin), or as modules (=m) inside its initramfs; xen-blkfront and
// xen-netfront do instead on Xen. Without them the instance finds no disk or NIC.
// Source: seed 002 §3.3.4 (virtio drivers), image_check's "driver" item.
#include <array>

#include "precheck/context.h"
#include "precheck/facts/kernels.h"

namespace image_agent::precheck::checks {
namespace {

struct Driver {
  std::string_view module;
  std::string_view option;
};
constexpr std::array<Driver, 3> kVirtio{{{"virtio_blk", "CONFIG_VIRTIO_BLK"},
                                         {"virtio_net", "CONFIG_VIRTIO_NET"},
                                         {"virtio_pci", "CONFIG_VIRTIO_PCI"}}};
constexpr std::array<Driver, 2> kXen{
    {{"xen_blkfront", "CONFIG_XEN_BLKDEV_FRONTEND"}, {"xen_netfront", "CONFIG_XEN_NETDEV_FRONTEND"}}};

template <size_t N>
std::string missing(const KernelDrivers& drivers, const std::array<Driver, N>& wanted) {
  std::string names;
  for (const Driver& d : wanted)
    if (!drivers.built_in(d.module, d.option) && !drivers.loadable(d.module))
      names += (names.empty() ? "" : ", ") + std::string(d.module);
  return names;
}

template <size_t N>
std::vector<Evidence> where(const KernelDrivers& drivers, const std::array<Driver, N>& wanted) {
  std::vector<Evidence> evidence{{"kernel", drivers.version}};
  for (const Driver& d : wanted) {
    auto it = drivers.config.find(d.option);
    std::string how = drivers.built_in(d.module, d.option) ? "built in"
                      : drivers.loadable(d.module)         ? "module in " + drivers.initramfs
                      : it != drivers.config.end()         ? std::string(d.option) + "=" + it->second
                                                           : "absent";
    evidence.emplace_back(std::string(d.module), how);
  }
  return evidence;
}

Verdict check(const ItemContext& context) {
  const KernelDrivers& drivers = default_kernel_drivers(context);
  if (drivers.version.empty())
    return problem(context, 1, drivers.error, "Install a kernel and its initramfs, and point GRUB at it.");
  std::string virtio = missing(drivers, kVirtio);
  if (virtio.empty())
    return ok("virtio drivers present in kernel " + drivers.version, where(drivers, kVirtio));
  if (missing(drivers, kXen).empty())
    return ok("Xen drivers present in kernel " + drivers.version, where(drivers, kXen));
  std::vector<Evidence> evidence = where(drivers, kVirtio);
  const std::string remediation =
      "Add virtio_blk, virtio_net and virtio_pci to the initramfs (dracut --add-drivers, or "
      "/etc/initramfs-tools/modules) and regenerate it, or use a kernel with them built in.";
  if (!drivers.initramfs_error.empty())
    return skipped("cannot read " + drivers.initramfs + ": " + drivers.initramfs_error, std::move(evidence));
  if (drivers.initramfs.empty())
    return problem(context, 2,
                   virtio + " not built into kernel " + drivers.version + ", which has no initramfs",
                   remediation, std::move(evidence));
  return problem(context, 3,
                 virtio + " neither built into kernel " + drivers.version + " nor in " + drivers.initramfs,
                 remediation, std::move(evidence));
}

}  // namespace

extern const Item kDriverItem{
    "driver",
    "driver",
    100,
    "virtio_blk, virtio_net, virtio_pci built in or in the default kernel's initramfs",
    "seed 002 §3.3.4, image_check",
    ItemKind::kDevice,
    &check};

}  // namespace image_agent::precheck::checks
