#pragma once

// systemd-networkd .network files: [Match] Name= selects the NIC, [Network] DHCP= and
// Address= (or [Address] sections) say how it gets addresses.
#include <string>
#include <string_view>

#include "precheck/facts/nic_config.h"

namespace image_agent::precheck {

/// Pure: DHCP=yes/true/both -> dhcp4+dhcp6, ipv4 -> dhcp4, ipv6 -> dhcp6; each Address=
/// static4/static6 by family. Name= is the first name/pattern, "*" without one.
NicConfig parse_networkd(std::string_view text, const std::string& path);

}  // namespace image_agent::precheck
