#pragma once

// One NIC's addressing as a network configuration file states it, whatever the stack:
// what the dhcp and network items judge.
#include <string>
#include <vector>

namespace image_agent::precheck {

struct NicConfig {
  std::string source;  ///< the file ("/etc/netplan/50-cloud-init.yaml")
  std::string name;    ///< interface name or pattern ("eth0", "en*", "*" for any)
  bool dhcp4 = false;
  bool dhcp6 = false;
  bool static4 = false;
  bool static6 = false;

  bool operator==(const NicConfig&) const = default;
};

using NicConfigs = std::vector<NicConfig>;

/// "lo" and other loopback names: never a NIC.
inline bool is_loopback(const std::string& name) {
  return name == "lo" || name == "lo0";
}

}  // namespace image_agent::precheck
