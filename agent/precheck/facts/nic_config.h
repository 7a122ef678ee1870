#pragma once

// One NIC's addressing as a network configuration file states it, whatever the stack:
// what the dhcp and network items judge. The files are read and parsed by guest/ (the
// same readers firstboot uses); here each format's reading becomes this one shape.
#include <optional>
#include <string>
#include <vector>

#include "guest/ifcfg.h"
#include "guest/ifupdown.h"
#include "guest/netplan.h"
#include "guest/nm_keyfile.h"
#include "guest/systemd_network.h"

namespace image_agent::precheck {

struct NicConfig {
  std::string source;  ///< the file ("/etc/netplan/50-cloud-init.yaml")
  std::string name;    ///< interface name or pattern ("eth0", "en*", "*" for any)
  bool dhcp4 = false;
  bool dhcp6 = false;
  bool static4 = false;
  bool static6 = false;
  /// The file is image-agent firstboot's own (its first line carries the owned marker,
  /// firstboot/network/owned_files.h): firstboot's rendering of os.conf, not the image's.
  bool owned = false;

  bool operator==(const NicConfig&) const = default;
};

using NicConfigs = std::vector<NicConfig>;

/// "lo" and other loopback names: never a NIC.
inline bool is_loopback(const std::string& name) {
  return name == "lo" || name == "lo0";
}

/// An ifcfg file's NIC: its DEVICE.
NicConfig nic_config(const guest::Ifcfg& ifcfg);

/// One per interface name of an interfaces file, in file order: inet dhcp -> dhcp4,
/// inet6 dhcp/auto -> dhcp6, inet/inet6 static -> static4/6.
NicConfigs nic_configs(const guest::InterfacesFile& file);

/// netplan's ethernets, merged (guest::merge_netplan): dhcp4/dhcp6 true -> dhcp,
/// addresses -> static4/static6 by family; named by guest::NetplanEthernet::nic_name().
NicConfigs nic_configs(const std::vector<guest::NetplanEthernet>& ethernets);

/// A .network file's NIC: the first [Match] Name=, else its MACAddress= (one NIC, as
/// firstboot and cloud-init write them), else "*" (every NIC).
NicConfig nic_config(const guest::NetworkUnitFile& file, const std::string& path);

/// An ethernet keyfile's NIC (nullopt for wifi, bridges, loopback...): interface-name,
/// else its mac-address, else "*". ipv4 method=auto -> dhcp4; ipv6 auto/dhcp -> dhcp6.
std::optional<NicConfig> nic_config(const guest::NmKeyfile& keyfile, const std::string& path);

}  // namespace image_agent::precheck
