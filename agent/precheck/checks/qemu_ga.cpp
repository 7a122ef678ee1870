// qemu_ga: the QEMU guest agent (qemu-guest-agent) should be installed, so the cloud can
// reset passwords, freeze file systems for snapshots and query the guest. Source:
// image_check "qemu-ga" (IC), seed 002 §3.3.2.
#include "precheck/context.h"
#include "precheck/facts/packages.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const Context& context) {
  Presence presence = find_package(
      context, {"qemu-guest-agent"},
      {"/usr/bin/qemu-ga", "/usr/sbin/qemu-ga", "/usr/local/bin/qemu-ga",
       "/usr/lib/systemd/system/qemu-guest-agent.service", "/lib/systemd/system/qemu-guest-agent.service",
       "/etc/init.d/qemu-ga", "/etc/init.d/qemu-guest-agent"});
  if (presence.installed) return ok("qemu-guest-agent is installed", {{"found", presence.evidence}});
  std::vector<Evidence> evidence{{"looked for",
                                  "dpkg package qemu-guest-agent, qemu-ga in /usr/bin, /usr/sbin, "
                                  "qemu-guest-agent.service"}};
  if (!package_db(context).has_dpkg)
    evidence.emplace_back("dpkg", "no /var/lib/dpkg/status (RPM: files only)");
  return problem(context, 1, "qemu-guest-agent is not installed: the cloud cannot talk to the instance",
                 "Install the qemu-guest-agent package (yum/dnf/apt/zypper install qemu-guest-agent).",
                 std::move(evidence));
}

}  // namespace

extern const Item kQemuGaItem;
const Item kQemuGaItem{"qemu_ga", "qemu-ga", 500, "qemu-guest-agent installed", "IC, seed 002 §3.3.2",
                       &check};

}  // namespace image_agent::precheck::checks
