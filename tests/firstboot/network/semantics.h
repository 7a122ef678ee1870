#pragma once

#include <map>
#include <set>
#include <string>

#include "firstboot/settings.h"

namespace image_agent::firstboot::testing {

// What a network configuration means, independent of its syntax, so that our files, the
// real tools' view of them and cloud-init's rendering of the same network can be compared:
// "eth0 address 10.171.254.123/24", "eth0 route 10.0.0.0/8 via 10.171.254.1",
// "eth1 default via 42.120.74.1". NICs are named by their os.conf name.
using Facts = std::set<std::string>;

/// The facts os.conf's network stands for.
Facts expected_facts(const NetworkSettings& settings);
/// Only the "address" facts (for renderers that drop routes).
Facts address_facts(const Facts& facts);
/// All but the "dns" facts (for stacks that keep DNS elsewhere than in a NIC's profile).
Facts without_dns(const Facts& facts);
/// MAC (lower case) -> os.conf name.
std::map<std::string, std::string> names_by_mac(const NetworkSettings& settings);

/// The same network as cloud-init's network config version 1 (YAML).
std::string cloud_init_v1(const NetworkSettings& settings);

/// Readers, one per format; directories are host paths of a rendered tree's folder.
Facts netplan_facts(const std::string& yaml, const std::map<std::string, std::string>& by_mac);
Facts networkd_facts(const std::string& dir, const std::map<std::string, std::string>& by_mac);
Facts eni_facts(const std::string& text);
Facts ifquery_facts(const std::string& nic, const std::string& ifquery_output);
Facts ifcfg_rhel_facts(const std::string& dir);
Facts keyfile_facts(const std::string& text, const std::map<std::string, std::string>& by_mac);
Facts ifcfg_suse_facts(const std::string& dir);

}  // namespace image_agent::firstboot::testing
