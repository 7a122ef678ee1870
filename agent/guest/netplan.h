#pragma once

// netplan YAML: the network.ethernets netdefs of /run/netplan, /etc/netplan, /lib/netplan
// and /usr/lib/netplan *.yaml. A file name in an earlier directory hides the same name in
// later ones; the files are then read in file-name order and merged by netdef ID: a later
// file's scalars override an earlier one's, its lists add to them (netplan(5)).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "guest/config_files.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

/// One ethernet netdef as one file (or, merged, all files) state it.
struct NetplanEthernet {
  std::string id;                                          ///< the key under ethernets
  std::string path;                                        ///< the (last) file that set it
  std::vector<std::pair<std::string, std::string>> match;  ///< match: keys, values as written
  std::string set_name;
  std::optional<bool> dhcp4;
  std::optional<bool> dhcp6;
  std::vector<std::string> addresses;  ///< "10.0.0.5/24", in order
  bool routes = false;                 ///< routes, gateway4/6 or routing-policy given

  /// The NIC it names: set-name, else match.name, else the ID.
  std::string nic_name() const;
  /// A stock DHCP netdef (an installer's, cloud-init's): no addresses, no routes.
  bool plain_dhcp() const { return addresses.empty() && !routes; }
};

/// Pure: the device types of a netplan file other than ethernets (bonds, bridges, vlans,
/// wifis, tunnels, ...), in file order; empty for a file that is not YAML.
std::vector<std::string> netplan_other_devices(std::string_view text);

/// Pure: the ethernets of one file. A file that is not YAML is an error naming it; an
/// empty file or one without ethernets gives none.
Result<std::vector<NetplanEthernet>> parse_netplan_file(std::string_view text, const std::string& path);

/// Pure: netdefs of files in netplan's order, merged by ID as netplan merges them, in
/// order of first appearance.
std::vector<NetplanEthernet> merge_netplan(const std::vector<std::vector<NetplanEthernet>>& files);

/// The YAML files netplan reads, in its order (see above).
ConfigFiles load_netplan_files(const RootFs& fs);

}  // namespace image_agent::guest
