#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firstboot/network/backend.h"
#include "firstboot/settings.h"

namespace image_agent::firstboot {

// What every backend derives the same way from NetworkSettings, so that the six of them
// cannot disagree about which NIC carries the default route or how a netmask is written.

/// One NIC as a backend writes it.
struct NicPlan {
  const Nic* nic = nullptr;
  std::string name;           ///< kernel name (from NicNames, else the os.conf name)
  std::string mac_upper;      ///< "00:8C:FA:5E:14:23" (NetworkManager's spelling); empty without MAC
  std::string cidr;           ///< "10.171.254.123/24"
  std::string gateway;        ///< the default gateway when this NIC carries it, else empty
  std::vector<Route> routes;  ///< every route of the NIC except the default one `gateway` stands for
  /// os.conf's DNS servers on the NIC that carries the default route (the first NIC when
  /// none does), empty on the others: one NIC's profile is enough for every stack.
  std::vector<std::string> nameservers;
};

/// The NIC that carries the default route: the first whose routes hold 0.0.0.0/0 (os.conf
/// puts it on eth0 in VPC and on eth1 in classic), else NetworkSettings::default_nic.
const Nic* default_route_nic(const NetworkSettings& settings);

/// The gateway of that default route.
std::string default_gateway(const NetworkSettings& settings);

/// One NicPlan per NIC, in os.conf order. A NIC missing from `names` keeps its os.conf name.
std::vector<NicPlan> plan_nics(const NetworkSettings& settings, const NicNames& names);

/// Whether a user's file that names an interface `name` means this NIC: its kernel name
/// (live) or its os.conf name (offline, where the pin files make that the kernel name).
bool names_nic(std::string_view name, const NicPlan& nic);

/// "255.255.255.0" for 24.
std::string netmask_of(int prefix);
/// "10.0.0.0/8"
std::string destination_of(const Route& route);

}  // namespace image_agent::firstboot
