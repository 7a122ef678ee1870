#pragma once

// systemd's network configuration files: systemd-networkd's .network and udev's .link
// files (systemd.network(5), systemd.link(5)). Both are read from /etc/systemd/network,
// /run/systemd/network, /usr/lib/systemd/network and /lib/systemd/network; a file name in
// an earlier directory hides the same name in later ones, and for each link the first
// file by name whose [Match] selects it is the one applied.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "guest/config_files.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

/// [Match] keys as systemd merges them: a key given again adds to its list, an empty
/// assignment clears it.
using SystemdMatch = std::map<std::string, std::vector<std::string>, std::less<>>;

/// What a .network (or .link) file says.
struct NetworkUnitFile {
  SystemdMatch match;
  bool dhcp4 = false;    ///< [Network] DHCP=yes/true/both/ipv4
  bool dhcp6 = false;    ///< [Network] DHCP=yes/true/both/ipv6
  bool static4 = false;  ///< an IPv4 Address= in [Network] or [Address]
  bool static6 = false;  ///< an IPv6 one
  /// Sections other than [Match], [Link] and [Network], and [Network] keys that make the
  /// link part of a bond, bridge, VLAN, tunnel or VRF: anything beyond plain addressing.
  std::vector<std::string> other_settings;

  /// A stock DHCP file (an installer's, cloud-init's): DHCP or nothing, no static address,
  /// no other sections, no device stacking. The kind firstboot may take over.
  bool plain_dhcp() const { return !static4 && !static6 && other_settings.empty(); }
};

/// Pure.
NetworkUnitFile parse_network_unit(std::string_view text);

/// Whether `match` may select the NIC with MAC `mac` (any case; empty when unknown) and
/// kernel name `name`. Conservative on purpose: a condition that cannot be judged from
/// files (Driver=, Path=, Type=, Property=, OriginalName=, ...) counts as matching, and
/// no [Match] at all matches every link.
bool match_may_select(const SystemdMatch& match, std::string_view mac, std::string_view name);

/// The files ending in `suffix` (".network", ".link") in systemd's order; files from
/// /usr/lib and /lib are marked vendor.
ConfigFiles load_network_units(const RootFs& fs, std::string_view suffix);

}  // namespace image_agent::guest
