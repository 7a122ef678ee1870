#pragma once

// ifcfg files: RHEL's /etc/sysconfig/network-scripts/ifcfg-NAME (initscripts, and
// NetworkManager's ifcfg-rh plugin) and SUSE's /etc/sysconfig/network/ifcfg-NAME
// (wicked). Both are shell assignments, read as data (platform/shell_assignments.h).
#include <string>
#include <string_view>
#include <vector>

#include "guest/config_files.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

constexpr const char* kRhelIfcfgDir = "/etc/sysconfig/network-scripts";
constexpr const char* kSuseIfcfgDir = "/etc/sysconfig/network";

/// What an ifcfg file says about its interface.
struct Ifcfg {
  std::string path;
  std::string device;     ///< DEVICE=, else the file name after "ifcfg-"
  std::string hwaddr;     ///< HWADDR= as written ("" when unset)
  std::string bootproto;  ///< BOOTPROTO=, lower-cased
  bool onboot = true;     ///< ONBOOT= (initscripts' default is yes)
  bool dhcp4 = false;     ///< BOOTPROTO dhcp/bootp/dhcp4 (SUSE also dhcp+autoip)
  bool dhcp6 = false;     ///< DHCPV6C=yes, SUSE's dhcp6, and SUSE's dhcp (both families)
  bool static4 = false;   ///< IPADDR, IPADDR0.., IPADDR_x with an IPv4 address
  bool static6 = false;   ///< the same with an IPv6 address, IPV6ADDR, IPV6ADDR_SECONDARIES
  /// TYPE= (lower-cased) and the keys that make the interface more than a plain Ethernet
  /// NIC: bond, bridge, VLAN, team, tunnel or InfiniBand settings, in file order.
  std::string type;
  std::vector<std::string> link_keys;

  /// A stock profile an installer leaves (anaconda's, SUSE's): plain Ethernet, DHCP or no
  /// addressing at all, no static address. The kind firstboot may take over.
  bool plain_dhcp() const { return why_not_plain().empty(); }
  /// Why it is not plain_dhcp() ("has a static address"), or "".
  std::string why_not_plain() const;
};

/// Pure: the ifcfg file at `path` (SUSE's rules apply under /etc/sysconfig/network/).
Ifcfg parse_ifcfg(std::string_view text, const std::string& path);

/// Whether the stacks read file `name` as an interface's ifcfg: "ifcfg-*", not the
/// backups and package leftovers initscripts and wicked skip, not "ifcfg-lo", and not an
/// alias ("ifcfg-eth0:1", an extra address of a NIC configured elsewhere).
bool is_ifcfg_name(std::string_view name);

/// The ifcfg files of `dir` (kRhelIfcfgDir or kSuseIfcfgDir), by name.
ConfigFiles load_ifcfg_files(const RootFs& fs, const std::string& dir);

}  // namespace image_agent::guest
