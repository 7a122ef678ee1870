#include "precheck/facts/networkd.h"

#include "guest/ini_file.h"
#include "platform/text.h"

namespace image_agent::precheck {

NicConfig parse_networkd(std::string_view text, const std::string& path) {
  NicConfig nic;
  nic.source = path;
  std::string mac;
  for (const guest::IniEntry& entry : guest::parse_ini(text)) {
    if (entry.section == "Match" && entry.key == "MACAddress" && mac.empty()) {
      std::vector<std::string_view> macs = split(entry.value, ' ');
      if (!macs.empty()) mac = std::string(macs.front());
    }
    if (entry.section == "Match" && entry.key == "Name" && nic.name.empty()) {
      for (std::string_view word : split(entry.value, ' ')) {
        if (!word.empty()) {
          nic.name = std::string(word);
          break;
        }
      }
    } else if (entry.section == "Network" && entry.key == "DHCP") {
      const std::string& v = entry.value;
      bool both = v == "yes" || v == "true" || v == "both" || v == "on" || v == "1";
      nic.dhcp4 = both || v == "ipv4" || v == "v4";
      nic.dhcp6 = both || v == "ipv6" || v == "v6";
    } else if ((entry.section == "Network" || entry.section == "Address") && entry.key == "Address") {
      if (!entry.value.empty())
        (entry.value.find(':') != std::string::npos ? nic.static6 : nic.static4) = true;
    }
  }
  // A file that matches one NIC by MAC (as firstboot and cloud-init write them) names
  // that NIC by its MAC; one that matches nothing in particular matches every NIC.
  if (nic.name.empty()) nic.name = mac.empty() ? "*" : mac;
  return nic;
}

}  // namespace image_agent::precheck
