#include "precheck/facts/netplan.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <map>

namespace image_agent::precheck {
namespace {

struct Ethernet {
  std::string source;
  std::string match_name;
  std::string set_name;
  bool dhcp4 = false;
  bool dhcp6 = false;
  std::vector<std::string> addresses;
};

bool flag(const YAML::Node& node, bool fallback) {
  bool value = fallback;
  return node && node.IsScalar() && YAML::convert<bool>::decode(node, value) ? value : fallback;
}

void merge(const YAML::Node& node, const std::string& path, Ethernet& eth) {
  eth.source = path;
  eth.dhcp4 = flag(node["dhcp4"], eth.dhcp4);
  eth.dhcp6 = flag(node["dhcp6"], eth.dhcp6);
  if (const YAML::Node& name = node["set-name"]; name && name.IsScalar())
    eth.set_name = name.as<std::string>();
  if (const YAML::Node& match = node["match"]; match && match.IsMap()) {
    if (const YAML::Node& name = match["name"]; name && name.IsScalar())
      eth.match_name = name.as<std::string>();
  }
  if (const YAML::Node& addresses = node["addresses"]; addresses && addresses.IsSequence()) {
    for (const YAML::Node& address : addresses) {
      // "10.0.0.5/24", or a map {"10.0.0.5/24": {lifetime: 0}}.
      if (address.IsScalar()) eth.addresses.push_back(address.as<std::string>());
      if (address.IsMap()) {
        for (const auto& entry : address) eth.addresses.push_back(entry.first.as<std::string>());
      }
    }
  }
}

}  // namespace

Result<NicConfigs> parse_netplan(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::string> order;
  std::map<std::string, Ethernet> ethernets;
  for (const auto& [path, text] : files) {
    try {
      YAML::Node root = YAML::Load(text);
      if (!root.IsMap()) continue;  // an empty file
      const YAML::Node network = root["network"];
      if (!network || !network.IsMap()) continue;
      const YAML::Node list = network["ethernets"];
      if (!list || !list.IsMap()) continue;
      for (const auto& entry : list) {
        std::string id = entry.first.as<std::string>();
        if (!ethernets.contains(id)) order.push_back(id);
        if (entry.second.IsMap()) merge(entry.second, path, ethernets[id]);
      }
    } catch (const YAML::Exception& e) {
      return Error{path + ": line " + std::to_string(e.mark.line + 1) + ": " + e.msg, EINVAL};
    }
  }
  NicConfigs nics;
  for (const std::string& id : order) {
    const Ethernet& eth = ethernets[id];
    NicConfig nic;
    nic.source = eth.source;
    nic.name = !eth.set_name.empty() ? eth.set_name : !eth.match_name.empty() ? eth.match_name : id;
    nic.dhcp4 = eth.dhcp4;
    nic.dhcp6 = eth.dhcp6;
    for (const std::string& address : eth.addresses) {
      (address.find(':') != std::string::npos ? nic.static6 : nic.static4) = true;
    }
    nics.push_back(std::move(nic));
  }
  return nics;
}

}  // namespace image_agent::precheck
