#pragma once

// ifupdown's /etc/network/interfaces (Debian): "iface NAME inet|inet6 METHOD" stanzas;
// "source" and "source-directory" pull in other files.
#include <string>
#include <string_view>
#include <vector>

#include "precheck/facts/nic_config.h"

namespace image_agent::precheck {

struct InterfacesFile {
  NicConfigs nics;                       ///< one per interface name, in file order
  std::vector<std::string> sources;      ///< "source" arguments (globs allowed)
  std::vector<std::string> directories;  ///< "source-directory" arguments
};

/// Pure: inet dhcp -> dhcp4; inet6 dhcp/auto -> dhcp6; inet/inet6 static -> static4/6.
InterfacesFile parse_interfaces(std::string_view text, const std::string& path);

}  // namespace image_agent::precheck
