// growpart: instances get larger disks than the image; something must grow the root
// partition at first boot: growpart (cloud-utils, used by cloud-init's growpart module),
// the growroot initramfs hooks (dracut-modules-growroot, cloud-initramfs-growroot), or
// systemd-repart with a configuration. Source: cloud-side check.
#include "precheck/context.h"
#include "precheck/facts/packages.h"

namespace image_agent::precheck::checks {
namespace {

bool has_entries(const RootFs& fs, const char* dir) {
  Result<std::vector<DirEntry>> entries = fs.list(dir);
  return entries && !entries->empty();
}

Verdict check(const ItemContext& context) {
  const RootFs& fs = context.fs();
  if (std::string tool = find_program(fs, {"growpart", "gpart"}); !tool.empty())
    return ok("growpart is installed", {{"found", tool}});
  for (const char* hook :
       {"/usr/lib/dracut/modules.d/50growroot", "/usr/share/initramfs-tools/scripts/local-bottom/growroot",
        "/usr/share/initramfs-tools/hooks/growroot"}) {
    if (fs.exists(hook)) return ok("an initramfs growroot hook is installed", {{"found", hook}});
  }
  std::string repart = find_program(fs, {"systemd-repart"});
  if (repart.empty() && fs.exists("/usr/lib/systemd/systemd-repart"))
    repart = "/usr/lib/systemd/systemd-repart";
  for (const char* config : {"/etc/repart.d", "/usr/lib/repart.d", "/usr/local/lib/repart.d"}) {
    if (!repart.empty() && has_entries(fs, config))
      return ok("systemd-repart grows partitions at boot", {{"found", repart}, {"config", config}});
  }
  return problem(context, 1, "no tool grows the root partition at first boot: larger disks stay unused",
                 "Install growpart (cloud-utils-growpart on RHEL/SUSE, cloud-guest-utils on Debian/Ubuntu).",
                 {{"looked for",
                   "growpart, gpart, dracut 50growroot, initramfs-tools growroot, systemd-repart "
                   "with repart.d"}});
}

}  // namespace

extern const Item kGrowpartItem{"growpart",
                                "",
                                3400,
                                "a tool to grow the root partition at first boot is present",
                                "cloud-side check",
                                ItemKind::kSystem,
                                &check};

}  // namespace image_agent::precheck::checks
