#include "precheck/facts/ifcfg.h"

#include <cctype>

#include "platform/shell_assignments.h"
#include "platform/text.h"

namespace image_agent::precheck {
NicConfig parse_ifcfg(std::string_view text, const std::string& path) {
  Assignments values = parse_shell_assignments(text);
  NicConfig nic;
  nic.source = path;
  std::string file = path.substr(path.rfind('/') + 1);
  nic.name = values.get("DEVICE", file.starts_with("ifcfg-") ? file.substr(6) : file);
  std::string proto = lower(values.get("BOOTPROTO"));
  nic.dhcp4 = proto == "dhcp" || proto == "bootp" || proto == "dhcp4" || proto == "dhcp+autoip";
  // SUSE's BOOTPROTO=dhcp means both families; RHEL's only IPv4 (DHCPV6C adds IPv6).
  const bool suse = path.find("/sysconfig/network/") != std::string::npos;
  nic.dhcp6 = proto == "dhcp6" || (suse && proto == "dhcp") || lower(values.get("DHCPV6C")) == "yes";
  for (const Assignment& a : values.entries) {
    if (a.value.empty()) continue;
    bool address =
        a.key == "IPADDR" || (a.key.starts_with("IPADDR") && a.key.size() > 6 &&
                              (std::isdigit(static_cast<unsigned char>(a.key[6])) || a.key[6] == '_'));
    if (address) (a.value.find(':') != std::string::npos ? nic.static6 : nic.static4) = true;
    if (a.key == "IPV6ADDR" || a.key == "IPV6ADDR_SECONDARIES") nic.static6 = true;
  }
  return nic;
}

}  // namespace image_agent::precheck
