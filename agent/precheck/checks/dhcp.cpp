// dhcp: the primary NIC must get its IPv4 address by DHCP; the cloud hands out addresses
// that way and a static one from the build host leaves the instance unreachable. The
// primary NIC is eth0 when configured, else a configuration that matches any NIC ("en*",
// "*"), else the first name in order. Source: seed 002 §3.3.2.
#include "precheck/context.h"
#include "precheck/facts/cloud_init.h"
#include "precheck/facts/network_config.h"
#include "precheck/facts/services.h"

namespace image_agent::precheck::checks {
namespace {

bool is_pattern(const std::string& name) {
  return name.find_first_of("*?[") != std::string::npos;
}

/// The configurations of the primary NIC (several files may configure it).
std::vector<const NicConfig*> primary(const NicConfigs& nics) {
  std::string chosen;
  for (const NicConfig& nic : nics) {
    if (nic.name == "eth0") chosen = nic.name;
  }
  for (const NicConfig& nic : nics) {
    if (chosen.empty() && is_pattern(nic.name)) chosen = nic.name;
  }
  if (chosen.empty()) {
    for (const NicConfig& nic : nics) {
      if (chosen.empty() || nic.name < chosen) chosen = nic.name;
    }
  }
  std::vector<const NicConfig*> configs;
  for (const NicConfig& nic : nics) {
    if (nic.name == chosen) configs.push_back(&nic);
  }
  return configs;
}

Verdict check(const ItemContext& context) {
  const NetworkConfig& config = network_config(context);
  std::vector<Evidence> evidence;
  for (const std::string& path : config.unreadable) evidence.emplace_back("unreadable", path);
  for (const std::string& error : config.errors) evidence.emplace_back("unparsable", error);

  std::vector<const NicConfig*> configs = primary(config.nics);
  if (configs.empty()) {
    if (!config.unreadable.empty() && !context.privileged())
      return skipped("needs root: network configuration files are readable by root only",
                     std::move(evidence));
    if (!config.errors.empty()) {
      return problem(context, 4, "the network configuration cannot be parsed: " + config.errors.front(),
                     "Fix the file's syntax (netplan: netplan generate says where).", std::move(evidence));
    }
    ServiceStatus manager = service_status(context, {"NetworkManager.service"}, "NetworkManager");
    evidence.emplace_back("NetworkManager", describe(manager));
    if (manager.enabled)
      return ok("no NIC configuration: NetworkManager enabled, which starts DHCP on any NIC",
                std::move(evidence));
    const CloudInit& ci = cloud_init(context);
    if (ci.installed) {
      evidence.emplace_back("cloud-init", ci.evidence);
      return ok("no NIC configuration: cloud-init writes one (DHCP) at first boot", std::move(evidence));
    }
    return problem(context, 2, "no configuration for any NIC: the instance will have no network",
                   "Configure the primary NIC for DHCP (e.g. BOOTPROTO=dhcp in ifcfg-eth0, "
                   "'iface eth0 inet dhcp', or dhcp4: true in netplan).",
                   std::move(evidence));
  }
  bool dhcp = false;
  bool fixed = false;
  for (const NicConfig* nic : configs) {
    evidence.emplace_back("primary " + nic->name, nic->source + (nic->dhcp4     ? ": dhcp4"
                                                                 : nic->static4 ? ": static IPv4"
                                                                                : ": no IPv4"));
    dhcp = dhcp || nic->dhcp4;
    fixed = fixed || nic->static4;
  }
  const std::string& name = configs.front()->name;
  if (dhcp) return ok("the primary NIC " + name + " uses DHCP", std::move(evidence));
  if (fixed) {
    return problem(
        context, 1, "the primary NIC " + name + " has a static IPv4 address, no DHCP",
        "Configure " + name + " for DHCP and remove the static address (" + configs.front()->source + ").",
        std::move(evidence));
  }
  return problem(context, 3, "the primary NIC " + name + " is configured without IPv4 (no DHCP, no address)",
                 "Enable DHCP for IPv4 on " + name + " (" + configs.front()->source + ").",
                 std::move(evidence));
}

}  // namespace

extern const Item kDhcpItem{
    "dhcp",
    "",
    700,
    "primary NIC configured for DHCP (ifcfg, ifupdown, netplan, networkd, NetworkManager)",
    "seed 002 §3.3.2",
    ItemKind::kSystem,
    &check};

}  // namespace image_agent::precheck::checks
