// bootloader: a GRUB configuration exists (grub.cfg, or BLS entries it loads; GRUB
// legacy's grub.conf or menu.lst without one), its default entry boots a kernel installed
// in the image, and its root= names the root by UUID=, LABEL=, PARTUUID= or a /dev/mapper
// name, never a bare /dev/sdX that changes with the hardware. GRUB legacy is fine: the
// seed lists CentOS 5/6 and SUSE 10/11 among the standard platforms and names
// /boot/grub/menu.lst and grub.conf as the files that boot them (seed 002 §3.1.1, §3.3.2).
// Source: seed 002 §3.1.1, peers' checkers (import_precheck).
#include "guest/fstab.h"
#include "precheck/context.h"
#include "precheck/facts/grub.h"

namespace image_agent::precheck::checks {
namespace {

std::string root_argument(const std::string& args) {
  std::string root;
  size_t pos = 0;
  while (pos < args.size()) {
    size_t end = args.find(' ', pos);
    if (end == std::string::npos) end = args.size();
    std::string_view word(args.data() + pos, end - pos);
    if (word.starts_with("root=")) root = word.substr(5);  // the last one wins
    pos = end + 1;
  }
  return root;
}

Verdict check(const ItemContext& context) {
  const guest::BootConfig& boot = guest_boot_config(context);
  if (boot.config_path.empty())
    return problem(context, 1,
                   "no GRUB configuration (/boot/grub/grub.cfg, /boot/grub2/grub.cfg, "
                   "/boot/efi/EFI/*/grub.cfg, or GRUB legacy's /boot/grub/grub.conf, menu.lst)",
                   "Install GRUB and run update-grub (grub2-mkconfig -o /boot/grub2/grub.cfg).");
  std::vector<Evidence> evidence{{"config", boot.config_path}};
  if (boot.legacy) evidence.emplace_back("loader", "GRUB legacy");
  // GRUB legacy's menu is edited, not generated (grubby or YaST rewrite it for kernels).
  const std::string regenerate = boot.legacy
                                     ? "Edit " + boot.config_path + " (grubby, or YaST's boot loader module)"
                                     : "Regenerate the GRUB configuration (update-grub, grub2-mkconfig)";
  if (!boot.chosen)
    return problem(context, 2, boot.config_path + " has no default boot entry",
                   regenerate + (boot.legacy ? ": `default` must number an existing `title`." : "."),
                   std::move(evidence));
  const guest::BootEntry& entry = *boot.chosen;
  evidence.emplace_back("entry", entry.title);
  evidence.emplace_back("kernel", entry.kernel);
  const RootFs& fs = context.fs();
  // A kernel path is relative to the file system GRUB reads it from: / or a separate /boot.
  if (entry.kernel.empty() || (!fs.exists(entry.kernel) && !fs.exists("/boot" + entry.kernel)))
    return problem(
        context, 3,
        "the default entry \"" + entry.title + "\" boots " + entry.kernel + ", which is not installed",
        regenerate + " for the installed kernels.", std::move(evidence));
  const std::string root = root_argument(entry.args);
  evidence.emplace_back("root", root);
  if (guest::is_bare_device_name(root))
    return problem(context, 4,
                   "the default entry boots with root=" + root + ", a name that changes with the hardware",
                   boot.legacy ? "Use root=UUID=... on the kernel lines of " + boot.config_path + "."
                               : "Use root=UUID=... (GRUB_DISABLE_LINUX_UUID must not be true) and "
                                 "regenerate grub.cfg.",
                   std::move(evidence));
  return ok("\"" + entry.title + "\" boots " + entry.kernel + (boot.legacy ? " (GRUB legacy)" : ""),
            std::move(evidence));
}

}  // namespace

extern const Item kBootloaderItem{
    "bootloader",
    "",
    2500,
    "a GRUB config boots an installed kernel; root= by UUID/LABEL/mapper, not a bare device",
    "seed 002 §3.1.1, peers",
    ItemKind::kDevice,
    &check};

}  // namespace image_agent::precheck::checks
