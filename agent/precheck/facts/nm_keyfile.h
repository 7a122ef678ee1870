#pragma once

// NetworkManager keyfiles (/etc/NetworkManager/system-connections/*.nmconnection):
// [connection] type and interface-name, [ipv4]/[ipv6] method and addresses.
#include <optional>
#include <string>
#include <string_view>

#include "precheck/facts/nic_config.h"

namespace image_agent::precheck {

/// Pure: the NIC of an ethernet connection, nullopt for other types (wifi, bridge,
/// loopback...). ipv4 method=auto -> dhcp4, manual or an addressN -> static4; ipv6
/// method=auto/dhcp -> dhcp6, manual -> static6. No interface-name: "*" (any NIC).
std::optional<NicConfig> parse_nm_keyfile(std::string_view text, const std::string& path);

}  // namespace image_agent::precheck
