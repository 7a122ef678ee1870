// network: the cloud configures one NIC by DHCP. It warns when NetworkManager is enabled
// on an image that relies on the legacy network service (RHEL initscripts: both manage
// the same ifcfg files and fight over them), when more than one NIC is configured, and
// when a static IPv6 address is (neither is supported at import). Source: image_check
// "network" (IC), seed 002 §3.3.2.
#include <set>

#include "platform/text.h"
#include "precheck/context.h"
#include "precheck/facts/network_config.h"
#include "precheck/facts/services.h"

namespace image_agent::precheck::checks {
namespace {

Verdict check(const ItemContext& context) {
  const NetworkConfig& config = network_config(context);
  std::vector<Evidence> evidence;
  for (const NicConfig& nic : config.nics) evidence.emplace_back("nic " + nic.name, nic.source);
  for (const std::string& path : config.unreadable) evidence.emplace_back("unreadable", path);
  for (const std::string& error : config.errors) evidence.emplace_back("unparsable", error);

  // The first problem found sets the code; the comment names every one.
  int cause = 0;
  std::string comment;
  std::string remediation;
  auto add = [&](int code, const std::string& what, const std::string& fix) {
    if (cause == 0) cause = code;
    comment += (comment.empty() ? "" : "; ") + what;
    remediation += (remediation.empty() ? "" : " ") + fix;
  };

  ServiceStatus manager = service_status(context, {"NetworkManager.service"}, "NetworkManager");
  ServiceStatus legacy = service_status(context, {"network.service"}, "network");
  evidence.emplace_back("NetworkManager", describe(manager));
  evidence.emplace_back("network (legacy)", describe(legacy));
  if (manager.enabled && legacy.enabled) {
    add(1, "NetworkManager and the legacy network service are both enabled",
        "Disable one of them (systemctl disable NetworkManager, or chkconfig network off).");
  }

  std::set<std::string> names;
  std::set<std::string> static6;
  for (const NicConfig& nic : config.nics) {
    names.insert(nic.name);
    if (nic.static6) static6.insert(nic.name + " (" + nic.source + ")");
  }
  if (names.size() > 1) {
    add(2, std::to_string(names.size()) + " NICs are configured (" + join(names, ", ") + ")",
        "Keep the configuration of the primary NIC only; the cloud configures further NICs itself.");
  }
  if (!static6.empty()) {
    add(3, "static IPv6 configured on " + join(static6, ", "),
        "Remove the static IPv6 addresses; use DHCPv6/SLAAC or none.");
  }
  if (cause != 0) return problem(context, cause, comment, remediation, std::move(evidence));
  // NetworkManager keyfiles are root's only: without them the count may be short.
  if (!config.unreadable.empty() && !context.privileged())
    return skipped("needs root: some network configuration files are readable by root only",
                   std::move(evidence));
  if (names.empty()) return ok("no NIC configuration found (see the dhcp item)", std::move(evidence));
  return ok("one NIC configured (" + join(names, ", ") + "), no static IPv6", std::move(evidence));
}

}  // namespace

extern const Item kNetworkItem{
    "network",
    "network",
    600,
    "NetworkManager not enabled next to the legacy network service; one NIC, no static IPv6",
    "IC, seed 002 §3.3.2",
    ItemKind::kSystem,
    &check};

}  // namespace image_agent::precheck::checks
