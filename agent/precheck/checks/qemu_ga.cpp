// qemu_ga: the QEMU guest agent must not be in an image imported to Alibaba Cloud ECS.
// The seed is explicit twice: its image_check table says "uninstall qemu-ga" (some
// services ECS needs become unavailable and the instance is not fully functional), and its
// list of what is not supported says installing qemu-ga in the image is not supported.
// So present (the dpkg package, the binary, a unit file or init script, or an enabled
// unit) is the WARNING, absent is OK. Its unit is static (started by udev when the
// virtio-serial port appears), so a masked unit does not make it harmless: the package is
// still there to be unmasked or started by hand. Source: image_check "qemu-ga" (IC), seed
// 002 §3.3.1 (detection items) and §3.3.2 (not supported).
#include "precheck/context.h"
#include "precheck/facts/packages.h"
#include "precheck/facts/services.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  Presence presence = find_package(
      context, {"qemu-guest-agent"},
      {"/usr/bin/qemu-ga", "/usr/sbin/qemu-ga", "/usr/local/bin/qemu-ga",
       "/usr/lib/systemd/system/qemu-guest-agent.service", "/lib/systemd/system/qemu-guest-agent.service",
       "/etc/init.d/qemu-ga", "/etc/init.d/qemu-guest-agent"});
  ServiceStatus service = service_status(context, {"qemu-guest-agent.service", "qemu-ga.service"}, "qemu-ga");
  if (!presence.installed && !service.installed && !service.enabled) {
    std::vector<Evidence> evidence{
        {"looked for",
         "dpkg package qemu-guest-agent, qemu-ga in /usr/bin, /usr/sbin, /usr/local/bin, "
         "qemu-guest-agent.service, /etc/init.d/qemu-ga"}};
    if (!package_db(context).has_dpkg)
      evidence.emplace_back("dpkg", "no /var/lib/dpkg/status (RPM: files only)");
    return ok("qemu-ga is not installed", std::move(evidence));
  }
  std::vector<Evidence> evidence;
  if (presence.installed) evidence.emplace_back("found", presence.evidence);
  evidence.emplace_back("service", describe(service));
  return problem(context, 1,
                 "qemu-ga (qemu-guest-agent) is installed: the cloud does not support it in imported images, "
                 "and some services ECS needs become unavailable",
                 "Uninstall qemu-ga (yum/dnf/zypper remove qemu-guest-agent, or apt-get purge "
                 "qemu-guest-agent), or at least disable it: systemctl disable --now qemu-guest-agent.",
                 std::move(evidence));
}

}  // namespace

extern const Item kQemuGaItem{"qemu_ga",
                              "qemu-ga",
                              500,
                              "qemu-ga (qemu-guest-agent) not installed",
                              "IC, seed 002 §3.3.1, §3.3.2",
                              ItemKind::kSystem,
                              &check};

}  // namespace image_agent::precheck::checks
