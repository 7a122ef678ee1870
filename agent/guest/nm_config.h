#pragma once

// NetworkManager's own configuration (NetworkManager.conf and its conf.d directories), as
// far as it decides who writes /etc/resolv.conf.
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

/// The [main] settings that decide NetworkManager's DNS handling; "" where unset.
struct NmMainConfig {
  std::string dns;         ///< "default", "none", "systemd-resolved", "dnsmasq", ...
  std::string rc_manager;  ///< "auto", "symlink", "file", "unmanaged", "resolvconf", ...

  /// Whether NetworkManager writes /etc/resolv.conf itself (NetworkManager.conf(5): not
  /// with dns=none or rc-manager=unmanaged, and resolvconf/netconfig hand it to them).
  bool writes_resolv_conf() const;
};

/// Pure: `texts` in NetworkManager's reading order (NetworkManager.conf, then the conf.d
/// files by name); a later setting wins.
NmMainConfig parse_nm_main_config(const std::vector<std::string_view>& texts);

/// /etc/NetworkManager/NetworkManager.conf, then the *.conf files of /usr/lib, /run and
/// /etc/NetworkManager/conf.d in file-name order (one in /etc hides the same name in /run
/// and /usr/lib). An unreadable file is an error: it could hold dns=none.
Result<NmMainConfig> read_nm_main_config(const RootFs& fs);

}  // namespace image_agent::guest
