#pragma once

// NetworkManager keyfiles (nm-settings-keyfile(5)): /etc/NetworkManager/system-connections,
// /run/NetworkManager/system-connections and the distribution's
// /usr/lib/NetworkManager/system-connections. NM reads every file there (no suffix rule).
#include <string>
#include <string_view>

#include "guest/config_files.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

struct NmKeyfile {
  std::string id;
  std::string type;            ///< "ethernet" (or its old name "802-3-ethernet"), "wifi", ...
  std::string interface_name;  ///< [connection] interface-name=
  std::string mac;             ///< [ethernet] mac-address= as written
  bool autoconnect = true;     ///< NM's default
  int autoconnect_priority = 0;
  std::string method4 = "auto";  ///< NM's default for a missing ipv4.method is DHCP
  std::string method6;
  bool static4 = false;  ///< ipv4 method=manual or an addressN=
  bool static6 = false;  ///< the same for ipv6
  bool port =
      false;  ///< [connection] master=/controller= or slave-type=/port-type=: part of a bond, bridge or team

  bool ethernet() const { return type == "ethernet" || type == "802-3-ethernet"; }
  /// A stock profile (NM's "Wired connection 1", an installer's): an Ethernet connection
  /// of its own, IPv4 by DHCP or off, no static address. The kind firstboot may take over.
  bool plain_dhcp() const;
};

/// Pure.
NmKeyfile parse_nm_keyfile(std::string_view text);

/// The keyfiles of the three directories, /etc's first, each by name.
ConfigFiles load_nm_keyfiles(const RootFs& fs);

}  // namespace image_agent::guest
