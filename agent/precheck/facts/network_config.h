#pragma once

// Every NIC configuration of the guest, from every stack's files (ifcfg, ifupdown,
// netplan, systemd-networkd, NetworkManager keyfiles), found and parsed by guest/'s
// readers (the files each stack itself would read), once per run. Loopback entries are
// left out; NICs from image-agent firstboot's own files are marked `owned`, and the stock
// profiles firstboot set aside when it took over a NIC are listed.
#include <string>
#include <vector>

#include "platform/root_fs.h"
#include "precheck/context.h"
#include "precheck/facts/nic_config.h"

namespace image_agent::precheck {

struct NetworkConfig {
  NicConfigs nics;                      ///< in the order above, files sorted by name
  std::vector<std::string> unreadable;  ///< files that exist but could not be read, with why
  std::vector<std::string> errors;      ///< files that could not be parsed, with why
  /// Stock profiles firstboot took over, by the path they go back to
  /// ("/etc/sysconfig/network-scripts/ifcfg-eth0" for its copy under guest::kDisplacedDir).
  std::vector<std::string> displaced;
};

NetworkConfig read_network_config(const RootFs& fs);

/// read_network_config() once per run.
const NetworkConfig& network_config(const Context& context);

}  // namespace image_agent::precheck
