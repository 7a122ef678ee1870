#include "guest/netplan.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <map>

namespace image_agent::guest {
namespace {

std::optional<bool> flag(const YAML::Node& node) {
  bool value = false;
  if (node && node.IsScalar() && YAML::convert<bool>::decode(node, value)) return value;
  return std::nullopt;
}

NetplanEthernet read_ethernet(const std::string& id, const YAML::Node& node, const std::string& path) {
  NetplanEthernet eth;
  eth.id = id;
  eth.path = path;
  eth.dhcp4 = flag(node["dhcp4"]);
  eth.dhcp6 = flag(node["dhcp6"]);
  if (const YAML::Node& name = node["set-name"]; name && name.IsScalar())
    eth.set_name = name.as<std::string>();
  if (const YAML::Node& match = node["match"]; match && match.IsMap()) {
    for (const auto& entry : match) {
      eth.match.emplace_back(entry.first.as<std::string>(),
                             entry.second.IsScalar() ? entry.second.as<std::string>() : "");
    }
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
  eth.routes = node["routes"] || node["gateway4"] || node["gateway6"] || node["routing-policy"];
  return eth;
}

}  // namespace

std::string NetplanEthernet::nic_name() const {
  if (!set_name.empty()) return set_name;
  for (const auto& [key, value] : match) {
    if (key == "name" && !value.empty()) return value;
  }
  return id;
}

Result<std::vector<NetplanEthernet>> parse_netplan_file(std::string_view text, const std::string& path) {
  std::vector<NetplanEthernet> out;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap()) return out;  // an empty file
    const YAML::Node network = root["network"];
    if (!network || !network.IsMap()) return out;
    const YAML::Node ethernets = network["ethernets"];
    if (!ethernets || !ethernets.IsMap()) return out;
    for (const auto& entry : ethernets) {
      if (entry.second.IsMap())
        out.push_back(read_ethernet(entry.first.as<std::string>(), entry.second, path));
    }
  } catch (const YAML::Exception& e) {
    return Error{path + ": line " + std::to_string(e.mark.line + 1) + ": " + e.msg, EINVAL};
  }
  return out;
}

std::vector<NetplanEthernet> merge_netplan(const std::vector<std::vector<NetplanEthernet>>& files) {
  std::vector<NetplanEthernet> merged;
  std::map<std::string, size_t> index;
  for (const std::vector<NetplanEthernet>& file : files) {
    for (const NetplanEthernet& eth : file) {
      auto [it, fresh] = index.try_emplace(eth.id, merged.size());
      if (fresh) {
        merged.push_back(eth);
        continue;
      }
      NetplanEthernet& into = merged[it->second];
      into.path = eth.path;
      if (eth.dhcp4) into.dhcp4 = eth.dhcp4;
      if (eth.dhcp6) into.dhcp6 = eth.dhcp6;
      if (!eth.set_name.empty()) into.set_name = eth.set_name;
      for (const std::pair<std::string, std::string>& entry : eth.match) {
        auto same = std::find_if(into.match.begin(), into.match.end(),
                                 [&](const auto& m) { return m.first == entry.first; });
        if (same == into.match.end()) {
          into.match.push_back(entry);
        } else {
          same->second = entry.second;
        }
      }
      into.addresses.insert(into.addresses.end(), eth.addresses.begin(), eth.addresses.end());
      into.routes = into.routes || eth.routes;
    }
  }
  return merged;
}

std::vector<std::string> netplan_other_devices(std::string_view text) {
  std::vector<std::string> out;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap() || !root["network"] || !root["network"].IsMap()) return out;
    for (const auto& entry : root["network"]) {
      std::string key = entry.first.as<std::string>();
      if (key != "version" && key != "renderer" && key != "ethernets") out.push_back(key);
    }
  } catch (const YAML::Exception&) {
    // parse_netplan_file() reports it.
  }
  return out;
}

ConfigFiles load_netplan_files(const RootFs& fs) {
  return load_layered(fs, {"/run/netplan", "/etc/netplan", "/lib/netplan", "/usr/lib/netplan"},
                      [](std::string_view name) { return name.ends_with(".yaml"); },
                      {"/lib/netplan", "/usr/lib/netplan"});
}

}  // namespace image_agent::guest
