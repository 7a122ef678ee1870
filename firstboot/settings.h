#pragma once

#include <optional>
#include <string>
#include <vector>

namespace image_agent::firstboot {

// The validated content of os.conf, one struct per setting group. Parsing and validation
// (os_conf.h) produce these; the planners turn them into file changes.

/// One static route: DEST/PREFIX via GATEWAY. The default route is 0.0.0.0/0.
struct Route {
  std::string destination;  ///< dotted quad, network address ("10.0.0.0")
  int prefix = 0;           ///< 0..32
  std::string gateway;      ///< dotted quad

  bool is_default() const { return prefix == 0; }
  bool operator==(const Route&) const = default;
};

/// One NIC of os.conf (ethN_*). Matched to a real interface by `mac`.
struct Nic {
  int index = 0;                   ///< N of ethN, 0..9
  std::string config_name;         ///< "eth0": os.conf's name, not necessarily the kernel's
  std::optional<std::string> mac;  ///< lower case "00:8c:fa:5e:14:23"; unset: match by name
  std::string address;             ///< "10.171.254.123"
  std::string netmask;             ///< "255.255.255.0" (contiguous)
  int prefix = 0;                  ///< the netmask as a prefix length, 24
  std::string gateway;             ///< ethN_gateway; may be empty
  std::vector<Route> routes;       ///< every route of ethN_route, in file order

  bool operator==(const Nic&) const = default;
};

struct NetworkSettings {
  std::vector<Nic> nics;  ///< ordered by index; eth0 always present
  /// The NIC whose routes hold 0.0.0.0/0 (eth0 in VPC, eth1 in classic), if any, and
  /// that route's gateway: the default gateway.
  std::optional<int> default_nic;  ///< index into `nics`
  std::string default_gateway;
  /// os.conf's DNS servers (dns_nameserver) when that group is valid, else empty. The
  /// backends write them into the profile of the NIC that carries the default route, where
  /// the stacks that keep DNS per NIC read them (NetworkManager rewrites resolv.conf from
  /// its connections alone).
  std::vector<std::string> nameservers;

  /// Classic network: eth0 intranet + eth1 internet. VPC: eth0 only.
  bool classic() const { return nics.size() > 1; }
  bool operator==(const NetworkSettings&) const = default;
};

struct DnsSettings {
  std::vector<std::string> nameservers;  ///< dotted quads, in order
  bool operator==(const DnsSettings&) const = default;
};

}  // namespace image_agent::firstboot
