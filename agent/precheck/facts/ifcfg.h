#pragma once

// ifcfg files: RHEL's /etc/sysconfig/network-scripts/ifcfg-<name> (initscripts, and
// NetworkManager's ifcfg-rh plugin) and SUSE's /etc/sysconfig/network/ifcfg-<name>
// (wicked). Both are shell assignments.
#include <string>
#include <string_view>

#include "precheck/facts/nic_config.h"

namespace image_agent::precheck {

/// Pure: the NIC of ifcfg file `path` (its name from DEVICE=, else from the file name).
/// BOOTPROTO dhcp/bootp/dhcp4 (SUSE also "dhcp+autoip") -> dhcp4; SUSE dhcp6 -> dhcp6 only;
/// DHCPV6C=yes -> dhcp6; IPADDR (IPv6 when it holds ':') / IPADDR0.. / IPV6ADDR -> static.
NicConfig parse_ifcfg(std::string_view text, const std::string& path);

}  // namespace image_agent::precheck
