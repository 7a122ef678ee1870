// kernel: the guest has a kernel in /boot, and each installed kernel has its initramfs
// and its /lib/modules tree: a kernel without them does not boot on the cloud's virtual
// hardware. Source: peers' checkers.
#include "precheck/context.h"
#include "precheck/facts/kernels.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  const std::vector<InstalledKernel>& kernels = installed_kernels(context);
  if (kernels.empty())
    return problem(context, 1, "no kernel in /boot (vmlinuz-*)", "Install a kernel package.");
  std::vector<Evidence> evidence;
  std::string no_initramfs;
  std::string no_modules;
  for (const InstalledKernel& kernel : kernels) {
    evidence.emplace_back(kernel.image, kernel.initramfs.empty() ? "no initramfs" : kernel.initramfs);
    if (kernel.initramfs.empty()) no_initramfs += (no_initramfs.empty() ? "" : ", ") + kernel.version;
    if (!kernel.modules && !kernel.rescue) no_modules += (no_modules.empty() ? "" : ", ") + kernel.version;
  }
  if (!no_initramfs.empty())
    return problem(context, 2, "kernels without an initramfs: " + no_initramfs,
                   "Generate one (update-initramfs -c -k VERSION, or dracut --kver VERSION).",
                   std::move(evidence));
  if (!no_modules.empty())
    return problem(context, 3, "kernels without /lib/modules/VERSION: " + no_modules,
                   "Reinstall the kernel package, or remove the kernel.", std::move(evidence));
  return ok(std::to_string(kernels.size()) + " kernel(s), each with its initramfs and modules",
            std::move(evidence));
}

}  // namespace

extern const Item kKernelItem{
    "kernel",          "",    2600, "each installed kernel has its initramfs and /lib/modules tree", "peers",
    ItemKind::kDevice, &check};

}  // namespace image_agent::precheck::checks
