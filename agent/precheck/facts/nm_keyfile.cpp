#include "precheck/facts/nm_keyfile.h"

#include "guest/ini_file.h"

namespace image_agent::precheck {

std::optional<NicConfig> parse_nm_keyfile(std::string_view text, const std::string& path) {
  NicConfig nic;
  nic.source = path;
  std::string type;
  // NetworkManager's default for a missing ipv4.method is auto (DHCP).
  std::string method4 = "auto";
  std::string method6;
  std::string mac;
  for (const guest::IniEntry& entry : guest::parse_ini(text)) {
    if (entry.section == "connection" && entry.key == "type") type = entry.value;
    if (entry.section == "connection" && entry.key == "interface-name") nic.name = entry.value;
    if ((entry.section == "ethernet" || entry.section == "802-3-ethernet") && entry.key == "mac-address")
      mac = entry.value;
    if (entry.section == "ipv4" && entry.key == "method") method4 = entry.value;
    if (entry.section == "ipv6" && entry.key == "method") method6 = entry.value;
    bool address = entry.key.starts_with("address") && entry.key != "address-data";
    if (address && entry.section == "ipv4") nic.static4 = true;
    if (address && entry.section == "ipv6") nic.static6 = true;
  }
  if (type != "ethernet" && type != "802-3-ethernet") return std::nullopt;
  // Bound to one NIC by MAC (as firstboot writes it): named by that MAC; bound to none,
  // it applies to any NIC.
  if (nic.name.empty()) nic.name = mac.empty() ? "*" : mac;
  nic.dhcp4 = method4 == "auto";
  nic.static4 = nic.static4 || method4 == "manual";
  nic.dhcp6 = method6 == "auto" || method6 == "dhcp";
  nic.static6 = nic.static6 || method6 == "manual";
  return nic;
}

}  // namespace image_agent::precheck
