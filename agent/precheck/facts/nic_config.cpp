#include "precheck/facts/nic_config.h"

namespace image_agent::precheck {
namespace {

void add_address(NicConfig& nic, const std::string& address) {
  (address.find(':') != std::string::npos ? nic.static6 : nic.static4) = true;
}

}  // namespace

NicConfig nic_config(const guest::Ifcfg& ifcfg) {
  return {ifcfg.path, ifcfg.device, ifcfg.dhcp4, ifcfg.dhcp6, ifcfg.static4, ifcfg.static6};
}

NicConfigs nic_configs(const guest::InterfacesFile& file) {
  NicConfigs nics;
  for (const guest::IfaceStanza& stanza : file.stanzas) {
    NicConfig* nic = nullptr;
    for (NicConfig& existing : nics) {
      if (existing.name == stanza.name) nic = &existing;
    }
    if (nic == nullptr) nic = &nics.emplace_back(NicConfig{file.path, stanza.name});
    const bool v6 = stanza.family == "inet6";
    if (stanza.method == "dhcp" || (v6 && stanza.method == "auto")) (v6 ? nic->dhcp6 : nic->dhcp4) = true;
    if (stanza.method == "static") (v6 ? nic->static6 : nic->static4) = true;
  }
  return nics;
}

NicConfigs nic_configs(const std::vector<guest::NetplanEthernet>& ethernets) {
  NicConfigs nics;
  for (const guest::NetplanEthernet& eth : ethernets) {
    NicConfig nic{eth.path, eth.nic_name(), eth.dhcp4.value_or(false), eth.dhcp6.value_or(false)};
    for (const std::string& address : eth.addresses) add_address(nic, address);
    nics.push_back(std::move(nic));
  }
  return nics;
}

NicConfig nic_config(const guest::NetworkUnitFile& file, const std::string& path) {
  NicConfig nic{path, "*", file.dhcp4, file.dhcp6, file.static4, file.static6};
  if (auto name = file.match.find("Name"); name != file.match.end() && !name->second.empty()) {
    nic.name = name->second.front();
  } else if (auto mac = file.match.find("MACAddress"); mac != file.match.end() && !mac->second.empty()) {
    nic.name = mac->second.front();
  }
  return nic;
}

std::optional<NicConfig> nic_config(const guest::NmKeyfile& keyfile, const std::string& path) {
  if (!keyfile.ethernet()) return std::nullopt;
  NicConfig nic{path,
                keyfile.interface_name,
                keyfile.method4 == "auto",
                keyfile.method6 == "auto" || keyfile.method6 == "dhcp",
                keyfile.static4,
                keyfile.static6};
  if (nic.name.empty()) nic.name = keyfile.mac.empty() ? "*" : keyfile.mac;
  return nic;
}

}  // namespace image_agent::precheck
