#include "guest/ifcfg.h"

#include <cctype>

#include "platform/shell_assignments.h"
#include "platform/text.h"

namespace image_agent::guest {
namespace {

// Keys that make the interface a bond, bond port, bridge, bridge port, VLAN, team,
// tunnel or IPoIB link (initscripts' ifup-* and wicked's ifcfg-* man pages).
bool link_key(const std::string& key) {
  static const char* const kKeys[] = {"MASTER",           "SLAVE",          "BRIDGE",         "VLAN",
                                      "BONDING_OPTS",     "BONDING_MASTER", "TEAM_MASTER",    "TEAM_CONFIG",
                                      "TEAM_PORT_CONFIG", "DEVICETYPE",     "PHYSDEV",        "ETHERDEVICE",
                                      "BRIDGE_PORTS",     "TUNNEL",         "CONNECTED_MODE", "PKEY"};
  for (const char* k : kKeys) {
    if (key == k) return true;
  }
  return key.starts_with("BONDING_SLAVE");
}

bool numbered_address(const std::string& key) {
  if (key == "IPADDR") return true;
  return key.starts_with("IPADDR") && key.size() > 6 &&
         (std::isdigit(static_cast<unsigned char>(key[6])) || key[6] == '_');
}

}  // namespace

Ifcfg parse_ifcfg(std::string_view text, const std::string& path) {
  Assignments values = parse_shell_assignments(text);
  Ifcfg ifcfg;
  ifcfg.path = path;
  std::string file = path.substr(path.rfind('/') + 1);
  ifcfg.device = values.get("DEVICE", file.starts_with("ifcfg-") ? file.substr(6) : file);
  ifcfg.hwaddr = values.get("HWADDR");
  ifcfg.bootproto = lower(values.get("BOOTPROTO"));
  ifcfg.onboot = lower(values.get("ONBOOT", "yes")) != "no";
  const std::string& proto = ifcfg.bootproto;
  ifcfg.dhcp4 = proto == "dhcp" || proto == "bootp" || proto == "dhcp4" || proto == "dhcp+autoip";
  // SUSE's BOOTPROTO=dhcp means both families; RHEL's only IPv4 (DHCPV6C adds IPv6).
  const bool suse = path.starts_with(std::string(kSuseIfcfgDir) + "/");
  ifcfg.dhcp6 = proto == "dhcp6" || (suse && proto == "dhcp") || lower(values.get("DHCPV6C")) == "yes";
  ifcfg.type = lower(values.get("TYPE"));
  for (const Assignment& a : values.entries) {
    if (a.value.empty()) continue;
    if (link_key(a.key) && lower(a.value) != "no") ifcfg.link_keys.push_back(a.key);
    if (numbered_address(a.key))
      (a.value.find(':') != std::string::npos ? ifcfg.static6 : ifcfg.static4) = true;
    if (a.key == "IPV6ADDR" || a.key == "IPV6ADDR_SECONDARIES") ifcfg.static6 = true;
  }
  return ifcfg;
}

std::string Ifcfg::why_not_plain() const {
  if (static4 || static6) return "has a static address";
  if (!link_keys.empty()) return "has " + link_keys.front() + "= (not a plain Ethernet NIC)";
  if (!type.empty() && type != "ethernet") return "is TYPE=" + type;
  // dhcp*, bootp: DHCP; none/static/"" without an address: nothing configured.
  for (const char* proto : {"", "dhcp", "dhcp4", "dhcp6", "dhcp+autoip", "bootp", "none", "static"}) {
    if (bootproto == proto) return "";
  }
  return "has BOOTPROTO=" + bootproto;
}

bool is_ifcfg_name(std::string_view name) {
  for (const char* suffix : {"~", ".bak", ".orig", ".rpmnew", ".rpmorig", ".rpmsave", ".old"}) {
    if (name.ends_with(suffix)) return false;
  }
  return name.starts_with("ifcfg-") && name != "ifcfg-lo" && name.find(':') == std::string_view::npos;
}

ConfigFiles load_ifcfg_files(const RootFs& fs, const std::string& dir) {
  return load_directory(fs, dir, is_ifcfg_name);
}

}  // namespace image_agent::guest
