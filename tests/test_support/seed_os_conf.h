// The seed's two os.conf examples (spec osconf.md, seed 002 §3.3.5), verbatim: a VPC
// instance with one NIC and a classic-network instance with two.
#pragma once

namespace image_agent::testing {

inline constexpr const char* kSeedVpcOsConf = R"(hostname=iZ23r29djmjZ
password=cXdIcjEyMzQK
eth0_ip_addr=10.171.254.123
eth0_mac_addr=00:8c:fa:5e:14:23
eth0_netmask=255.255.255.0
eth0_gateway=10.171.254.1
eth0_route="0.0.0.0/0 10.171.254.1"
dns_nameserver="7.7.7.7 8.8.8.8"
)";

inline constexpr const char* kSeedClassicOsConf = R"(hostname=iZ23r29djmjZ
password=cXdIcjEyMzQK
eth0_ip_addr=10.171.254.123
eth0_mac_addr=00:8c:fa:5e:14:23
eth0_netmask=255.255.255.0
eth0_gateway=10.171.254.1
eth0_route="10.0.0.0/8 10.171.254.1;172.16.0.0/12 10.171.254.1"
eth1_ip_addr=42.120.74.105
eth1_mac_addr=00:8c:fa:5e:14:24
eth1_netmask=255.255.255.0
eth1_gateway=42.120.74.1
eth1_route="0.0.0.0/0 42.120.74.1"
dns_nameserver="7.7.7.7 8.8.8.8"
)";

}  // namespace image_agent::testing
