#include "precheck/facts/networkd.h"

#include "platform/text.h"
#include "precheck/facts/ini.h"

namespace image_agent::precheck {

NicConfig parse_networkd(std::string_view text, const std::string& path) {
  NicConfig nic;
  nic.source = path;
  for (const IniEntry& entry : parse_ini(text)) {
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
  if (nic.name.empty()) nic.name = "*";
  return nic;
}

}  // namespace image_agent::precheck
