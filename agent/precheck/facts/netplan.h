#pragma once

// netplan YAML (/etc/netplan, /run/netplan, /lib/netplan *.yaml): the ethernets of
// network.ethernets, merged across files in order as netplan does (later scalars win,
// addresses add up).
#include <string>
#include <utility>
#include <vector>

#include "platform/result.h"
#include "precheck/facts/nic_config.h"

namespace image_agent::precheck {

/// Pure: (path, content) in netplan's order. A NIC is named by set-name, else match.name,
/// else its ID. dhcp4/dhcp6 true -> dhcp; addresses -> static4/static6 by family. A file
/// that is not valid YAML is an error naming it.
Result<NicConfigs> parse_netplan(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace image_agent::precheck
