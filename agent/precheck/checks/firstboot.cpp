// firstboot: a Customized Linux image is configured from os.conf by image-agent's
// firstboot service, so the unit image-agent-firstboot.service must be installed
// (/etc, /usr/lib or /lib systemd/system) and enabled (a *.wants link), or on SysV init
// /etc/init.d/image-agent-firstboot must have an rc*.d S link; and the binary it runs,
// /usr/sbin/image-agent, must be there. Then it must be able to do its job: firstboot's
// own planner runs as a dry run on the root (facts/firstboot_plan.h) with an os.conf as
// the cloud writes it, and a group it would refuse (a user's static profile for eth0, a
// network stack it cannot tell) is the finding, naming the file: an installed firstboot
// that fails at every boot leaves os.conf, and the password in it, on partition 1. So does
// a default kernel older than the binary can run on.
// Source: seed 002 §3.3.5.
#include "precheck/context.h"
#include "precheck/facts/firstboot_plan.h"
#include "precheck/facts/kernels.h"
#include "precheck/facts/services.h"
#include "precheck/facts/version.h"

namespace image_agent::precheck::checks {
namespace {

constexpr const char* kBinary = "/usr/sbin/image-agent";
// glibc's minimum for the static release build (`file` says "for GNU/Linux 3.2.0"): older
// kernels (CentOS 5/6 and SLE 11 boot 2.6) make it exit with "FATAL: kernel too old".
constexpr const char* kMinimumKernel = "3.2";

Verdict check(const ItemContext& context) {
  ServiceStatus status = service_status(context, {"image-agent-firstboot.service"}, "image-agent-firstboot");
  std::vector<Evidence> evidence{{"service", describe(status)}};
  if (!status.installed) {
    return problem(
        context, 1, "image-agent's firstboot service is not installed: os.conf will not be applied",
        "Install the image-agent package (it ships image-agent-firstboot.service and the init script).",
        std::move(evidence));
  }
  if (status.masked) {
    return problem(context, 3, "image-agent-firstboot.service is masked (" + status.link + ")",
                   "Run: systemctl unmask image-agent-firstboot.service && systemctl enable "
                   "image-agent-firstboot.service",
                   std::move(evidence));
  }
  if (!status.enabled) {
    return problem(context, 2, "image-agent's firstboot service is installed but does not start at boot",
                   status.unit_file.empty()
                       ? "Run: update-rc.d image-agent-firstboot defaults (or chkconfig --add "
                         "image-agent-firstboot)"
                       : "Run: systemctl enable image-agent-firstboot.service",
                   std::move(evidence));
  }
  Result<struct stat> binary = context.fs().stat(kBinary);
  if (!binary || !S_ISREG(binary->st_mode)) {
    evidence.emplace_back("binary", std::string(kBinary) + " (missing)");
    return problem(context, 4, "the firstboot service is enabled but /usr/sbin/image-agent is missing",
                   "Reinstall the image-agent package.", std::move(evidence));
  }
  evidence.emplace_back("binary", kBinary);
  const FirstbootGroupOutlook* refused = nullptr;
  for (const FirstbootGroupOutlook& group : firstboot_outlook(context)) {
    const std::string detail = group.detail.empty() ? "" : " (" + group.detail + ")";
    evidence.emplace_back("plan " + group.group,
                          group.error.empty() ? "ok" + detail : "refused: " + group.error);
    if (!group.error.empty() && refused == nullptr) refused = &group;
  }
  if (refused != nullptr) {
    return problem(context, 5,
                   "firstboot would refuse os.conf's " + refused->group +
                       " settings at the first boot: " + refused->error,
                   "Fix what it names; `image-agent firstboot --root DIR --os-conf FILE --dry-run` shows "
                   "firstboot's whole plan for an os.conf of your own.",
                   std::move(evidence));
  }
  const std::optional<InstalledKernel>& kernel = default_kernel(context);
  if (kernel) evidence.emplace_back("kernel", kernel->version + " (" + kernel->image + ")");
  if (kernel && compare_versions(kernel->version, kMinimumKernel) < 0) {
    return problem(context, 6,
                   "the image boots Linux " + kernel->version + ", older than " + kMinimumKernel +
                       ": image-agent, a static program whose C library needs Linux " + kMinimumKernel +
                       " or later, cannot start there, so os.conf will never be applied",
                   "Boot a kernel of version " + std::string(kMinimumKernel) +
                       " or later, or configure this guest with the cloud's own first-boot script instead "
                       "of image-agent.",
                   std::move(evidence));
  }
  return ok("image-agent firstboot is installed, enabled, and would apply os.conf", std::move(evidence));
}

}  // namespace

extern const Item kFirstbootItem{"firstboot",
                                 "",
                                 2900,
                                 "image-agent firstboot unit installed and enabled (or init.d)",
                                 "seed 002 §3.3.5",
                                 ItemKind::kSystem,
                                 &check};

}  // namespace image_agent::precheck::checks
