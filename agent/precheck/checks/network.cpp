// network: the cloud configures one NIC by DHCP. It warns when NetworkManager is enabled
// on an image that relies on the legacy network service (RHEL initscripts: both manage
// the same ifcfg files and fight over them), when more than one NIC is configured, and
// when a static IPv6 address is (neither is supported at import). Source: image_check
// "network" (IC), seed 002 §3.3.1 (its advice: disable or remove NetworkManager and
// enable the network service), §3.3.2 (multiple NICs and IPv6 unsupported).
//
// With the policy's `firstboot_network` (aliyun-customized) firstboot writes the network
// configuration from os.conf for the stack the guest runs (seed 002 §3.3.5); when that
// stack is NetworkManager, NetworkManager is the one to keep, not the one to disable.
//
// The NIC count is of NICs the image itself configures: firstboot's own files (their
// first line carries its marker) are os.conf's NICs, rewritten at each first boot, and a
// wildcard match ("*", "en*") configures whichever NIC the instance has, not one more.
#include <set>

#include "guest/network_stack.h"
#include "platform/text.h"
#include "precheck/context.h"
#include "precheck/facts/network_config.h"
#include "precheck/facts/services.h"

namespace image_agent::precheck::checks {
namespace {

bool is_pattern(const std::string& name) {
  return name.find_first_of("*?[") != std::string::npos;
}

Verdict check(const ItemContext& context) {
  const NetworkConfig& config = network_config(context);
  std::vector<Evidence> evidence;
  for (const NicConfig& nic : config.nics)
    evidence.emplace_back("nic " + nic.name, nic.source + (nic.owned ? " (firstboot's, from os.conf)" : ""));
  for (const std::string& path : config.unreadable) evidence.emplace_back("unreadable", path);
  for (const std::string& error : config.errors) evidence.emplace_back("unparsable", error);

  Problems problems;

  ServiceStatus manager = service_status(context, {"NetworkManager.service"}, "NetworkManager");
  ServiceStatus legacy = service_status(context, {"network.service"}, "network");
  evidence.emplace_back("NetworkManager", describe(manager));
  evidence.emplace_back("network (legacy)", describe(legacy));
  bool firstboot_uses_manager = false;
  if (context.flag("firstboot_network")) {
    Result<std::string> stack = guest::detect_network_stack(context.fs());
    evidence.emplace_back("firstboot's network backend", stack ? *stack : stack.error().message);
    firstboot_uses_manager = stack && *stack == "networkmanager";
  }
  if (manager.enabled && legacy.enabled && !firstboot_uses_manager) {
    problems.add(1, "NetworkManager and the legacy network service are both enabled",
                 "Disable or remove NetworkManager and keep the network service enabled (seed 002 §3.3.1): "
                 "systemctl disable NetworkManager, and systemctl enable network or chkconfig network on.");
  }

  std::set<std::string> names;
  std::set<std::string> patterns;
  std::set<std::string> static6;
  for (const NicConfig& nic : config.nics) {
    if (nic.owned) continue;
    (is_pattern(nic.name) ? patterns : names).insert(nic.name);
    if (nic.static6) static6.insert(nic.name + " (" + nic.source + ")");
  }
  if (names.empty()) names = patterns;  // only wildcards: one NIC, whichever it is
  if (names.size() > 1) {
    problems.add(2, std::to_string(names.size()) + " NICs are configured (" + join(names, ", ") + ")",
                 "Keep the configuration of the primary NIC only; the cloud configures further NICs itself.");
  }
  if (!static6.empty()) {
    problems.add(3, "static IPv6 configured on " + join(static6, ", "),
                 "Remove the static IPv6 addresses; use DHCPv6/SLAAC or none.");
  }
  if (problems.any()) return std::move(problems).verdict(context, std::move(evidence));
  // NetworkManager keyfiles are root's only: without them the count may be short.
  if (!config.unreadable.empty() && !context.privileged())
    return skipped("needs root: some network configuration files are readable by root only",
                   std::move(evidence));
  if (names.empty())
    return ok("no NIC configuration of the image's own (see the dhcp item)", std::move(evidence));
  return ok("one NIC configured (" + join(names, ", ") + "), no static IPv6", std::move(evidence));
}

}  // namespace

extern const Item kNetworkItem{
    "network",
    "network",
    600,
    "NetworkManager not enabled next to the legacy network service (unless firstboot "
    "writes for it); one NIC, no static IPv6",
    "IC, seed 002 §3.3.1, §3.3.2",
    ItemKind::kSystem,
    &check};

}  // namespace image_agent::precheck::checks
