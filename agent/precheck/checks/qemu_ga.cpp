// qemu_ga: the QEMU guest agent (qemu-guest-agent) should be installed, so the cloud can
// reset passwords, freeze file systems for snapshots and query the guest. It starts when
// udev sees its virtio-serial port (its unit is static, never "enabled"), so installed
// is what counts, unless its unit is masked. Source: image_check "qemu-ga" (IC), seed
// 002 §3.3.2.
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
  if (!presence.installed) {
    std::vector<Evidence> evidence{
        {"looked for",
         "dpkg package qemu-guest-agent, qemu-ga in /usr/bin, /usr/sbin, qemu-guest-agent.service"}};
    if (!package_db(context).has_dpkg)
      evidence.emplace_back("dpkg", "no /var/lib/dpkg/status (RPM: files only)");
    return problem(context, 1, "qemu-guest-agent is not installed: the cloud cannot talk to the instance",
                   "Install the qemu-guest-agent package (yum/dnf/apt/zypper install qemu-guest-agent).",
                   std::move(evidence));
  }
  std::vector<Evidence> evidence{{"found", presence.evidence}};
  ServiceStatus service = service_status(context, {"qemu-guest-agent.service"}, "");
  evidence.emplace_back("service", describe(service));
  if (service.masked) {
    return problem(context, 2, "qemu-guest-agent is installed but its unit is masked (" + service.link + ")",
                   "Run: systemctl unmask qemu-guest-agent.service", std::move(evidence));
  }
  return ok("qemu-guest-agent is installed", std::move(evidence));
}

}  // namespace

extern const Item kQemuGaItem{
    "qemu_ga",         "qemu-ga", 500, "qemu-guest-agent installed", "IC, seed 002 §3.3.2",
    ItemKind::kSystem, &check};

}  // namespace image_agent::precheck::checks
