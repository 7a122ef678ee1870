#include "guest/systemd_network.h"

#include <fnmatch.h>
#include <strings.h>

#include "guest/ini_file.h"
#include "platform/text.h"

namespace image_agent::guest {
namespace {

// [Network] keys that put the link into a bond, bridge, VLAN, tunnel or VRF, or route it
// statically (systemd.network(5)).
bool stacking_key(const std::string& key) {
  static const char* const kKeys[] = {"Bond",   "Bridge", "VLAN",  "MACVLAN",        "MACVTAP",
                                      "IPVLAN", "IPVTAP", "VXLAN", "Tunnel",         "VRF",
                                      "Xfrm",   "MACsec", "L2TP",  "BatmanAdvanced", "Gateway"};
  for (const char* k : kKeys) {
    if (key == k) return true;
  }
  return false;
}

// Sections a plain DHCP file may have: the match, link settings, the network and its
// DHCP clients' options.
bool plain_section(const std::string& section) {
  for (const char* s : {"Match", "Link", "Network", "DHCP", "DHCPv4", "DHCPv6", "IPv6AcceptRA"}) {
    if (section == s) return true;
  }
  return false;
}

bool name_matches(const std::vector<std::string>& globs, std::string_view name) {
  // A leading "!" inverts the whole list (systemd.network(5), Name=).
  bool invert = !globs.empty() && !globs[0].empty() && globs[0][0] == '!';
  bool hit = false;
  for (size_t i = 0; i < globs.size(); ++i) {
    std::string glob = i == 0 && invert ? globs[0].substr(1) : globs[i];
    if (!glob.empty() && ::fnmatch(glob.c_str(), std::string(name).c_str(), 0) == 0) hit = true;
  }
  return invert ? !hit : hit;
}

bool mac_matches(const std::vector<std::string>& macs, std::string_view mac) {
  if (mac.empty()) return true;
  for (const std::string& candidate : macs) {
    if (candidate.size() == mac.size() && ::strncasecmp(candidate.c_str(), mac.data(), mac.size()) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

NetworkUnitFile parse_network_unit(std::string_view text) {
  NetworkUnitFile file;
  for (const IniEntry& entry : parse_ini(text)) {
    if (entry.section == "Match") {
      std::vector<std::string_view> split_values = words(entry.value);
      std::vector<std::string> values(split_values.begin(), split_values.end());
      std::vector<std::string>& list = file.match[entry.key];
      if (values.empty()) list.clear();
      list.insert(list.end(), values.begin(), values.end());
    } else if (entry.section == "Network" && entry.key == "DHCP") {
      const std::string& v = entry.value;
      bool both = v == "yes" || v == "true" || v == "both" || v == "on" || v == "1";
      file.dhcp4 = both || v == "ipv4" || v == "v4";
      file.dhcp6 = both || v == "ipv6" || v == "v6";
    } else if ((entry.section == "Network" || entry.section == "Address") && entry.key == "Address") {
      if (!entry.value.empty())
        (entry.value.find(':') != std::string::npos ? file.static6 : file.static4) = true;
    }
    if (entry.section == "Network" && stacking_key(entry.key))
      file.other_settings.push_back("Network." + entry.key);
    if (!plain_section(entry.section)) file.other_settings.push_back(entry.section + "." + entry.key);
  }
  return file;
}

bool match_may_select(const SystemdMatch& match, std::string_view mac, std::string_view name) {
  for (const auto& [key, values] : match) {
    if (values.empty()) continue;
    if (key == "Name" && !name_matches(values, name)) return false;
    if ((key == "MACAddress" || key == "PermanentMACAddress") && !mac_matches(values, mac)) return false;
  }
  return true;
}

ConfigFiles load_network_units(const RootFs& fs, std::string_view suffix) {
  return load_layered(
      fs,
      {"/etc/systemd/network", "/run/systemd/network", "/usr/lib/systemd/network", "/lib/systemd/network"},
      [suffix](std::string_view name) { return name.ends_with(suffix); },
      {"/usr/lib/systemd/network", "/lib/systemd/network"});
}

}  // namespace image_agent::guest
