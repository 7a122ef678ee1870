#include "firstboot/os_conf.h"

#include <string.h>

#include <map>
#include <set>

#include "firstboot/validate.h"
#include "platform/shell_assignments.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kNicFields[] = {"ip_addr", "mac_addr", "netmask", "gateway", "route"};

/// The N and field of "ethN_field", or nullopt.
std::optional<std::pair<int, std::string>> nic_key(std::string_view key) {
  if (key.size() < 6 || key.substr(0, 3) != "eth" || key[3] < '0' || key[3] > '9' || key[4] != '_') {
    return std::nullopt;
  }
  std::string field(key.substr(5));
  for (const char* known : kNicFields) {
    if (field == known) return std::pair{key[3] - '0', field};
  }
  return std::nullopt;
}

enum class GroupId { kHostname, kPassword, kNetwork, kDns, kNone };

GroupId group_of(std::string_view key) {
  if (key == "hostname") return GroupId::kHostname;
  if (key == "password") return GroupId::kPassword;
  if (key == "dns_nameserver") return GroupId::kDns;
  if (nic_key(key)) return GroupId::kNetwork;
  return GroupId::kNone;
}

/// The one assignment of `key`; a repeated key is an error for its group (the cloud
/// writes each once; two values for a password or an address is not data we can trust).
const Assignment* single(const Assignments& all, std::string_view key, std::vector<Issue>* errors) {
  const Assignment* found = nullptr;
  for (const Assignment& a : all.entries) {
    if (a.key != key) continue;
    if (found != nullptr) {
      errors->push_back({a.line, a.key,
                         a.key + " is set twice (lines " + std::to_string(found->line) + " and " +
                             std::to_string(a.line) + ")"});
      return nullptr;
    }
    found = &a;
  }
  return found;
}

void parse_hostname(const Assignments& all, Group<std::string>* group) {
  const Assignment* a = single(all, "hostname", &group->errors);
  if (a == nullptr) return;
  std::string why;
  if (!valid_hostname(a->value, &why)) {
    group->errors.push_back({a->line, a->key, why});
    return;
  }
  group->value = a->value;
}

void parse_password(const Assignments& all, Group<Secret>* group) {
  const Assignment* a = single(all, "password", &group->errors);
  if (a == nullptr) return;
  std::string why;
  std::optional<Secret> secret = decode_password(a->value, &why);
  if (!secret) {
    group->errors.push_back({a->line, a->key, why});
    return;
  }
  group->value = std::move(*secret);
}

void parse_dns(const Assignments& all, Group<DnsSettings>* group) {
  const Assignment* a = single(all, "dns_nameserver", &group->errors);
  if (a == nullptr) return;
  DnsSettings dns;
  size_t start = 0;
  const std::string& text = a->value;
  while ((start = text.find_first_not_of(" \t", start)) != std::string::npos) {
    size_t end = text.find_first_of(" \t", start);
    std::string server = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end;
    std::string why;
    std::optional<uint32_t> address = parse_ipv4(server, &why);
    if (!address || !usable_nameserver(*address, &why)) {
      group->errors.push_back({a->line, a->key, "name server " + why});
      return;
    }
    dns.nameservers.push_back(format_ipv4(*address));
  }
  if (dns.nameservers.empty()) {
    group->errors.push_back({a->line, a->key, "no name server given"});
    return;
  }
  group->value = std::move(dns);
}

/// One NIC's keys; returns false (with errors) when they do not make a usable NIC.
bool parse_nic(const Assignments& all, int index, Nic* nic, std::vector<Issue>* errors) {
  const std::string prefix = "eth" + std::to_string(index) + "_";
  nic->index = index;
  nic->config_name = "eth" + std::to_string(index);
  const size_t errors_before = errors->size();
  auto field = [&](const char* name) { return single(all, prefix + name, errors); };
  auto error = [&](const Assignment* a, std::string message) {
    errors->push_back({a->line, a->key, std::move(message)});
  };

  const Assignment* ip = field("ip_addr");
  const Assignment* netmask = field("netmask");
  const Assignment* mac = field("mac_addr");
  const Assignment* gateway = field("gateway");
  const Assignment* route = field("route");
  if (errors->size() != errors_before) return false;
  if (ip == nullptr || netmask == nullptr) {
    errors->push_back({0, prefix + (ip == nullptr ? "ip_addr" : "netmask"),
                       nic->config_name + " has no " + (ip == nullptr ? "ip_addr" : "netmask")});
    return false;
  }
  std::string why;
  std::optional<uint32_t> address = parse_ipv4(ip->value, &why);
  if (!address) {
    error(ip, why);
  } else if (!unicast_host(*address, &why)) {
    error(ip, "address " + why);
    address.reset();
  }
  std::optional<int> prefix_length = netmask_prefix(netmask->value, &why);
  if (!prefix_length) error(netmask, why);
  if (mac != nullptr) {
    if (std::optional<std::string> parsed = parse_mac(mac->value, &why)) {
      nic->mac = *parsed;
    } else {
      error(mac, why);
    }
  }
  if (!address || !prefix_length) return false;
  if (!host_of_subnet(*address, *address, *prefix_length, &why)) {
    error(ip, "address " + why);
    return false;
  }
  nic->address = format_ipv4(*address);
  nic->prefix = *prefix_length;
  nic->netmask = format_ipv4(prefix_mask(*prefix_length));

  const uint32_t network_mask = prefix_mask(nic->prefix);
  auto on_link = [&](uint32_t gw) {
    return (gw & network_mask) == (*address & network_mask) && gw != *address;
  };
  if (gateway != nullptr) {
    std::optional<uint32_t> gw = parse_ipv4(gateway->value, &why);
    if (!gw || !unicast_host(*gw, &why) || !host_of_subnet(*gw, *address, nic->prefix, &why)) {
      error(gateway, "gateway " + why);
    } else if (!on_link(*gw)) {
      error(gateway, "gateway " + format_ipv4(*gw) + " is not reachable from " + nic->address + "/" +
                         std::to_string(nic->prefix));
    } else {
      nic->gateway = format_ipv4(*gw);
    }
  }
  if (route != nullptr) {
    if (std::optional<std::vector<Route>> routes = parse_routes(route->value, &why)) {
      for (const Route& r : *routes) {
        const std::string name = "route " + r.destination + "/" + std::to_string(r.prefix) + ": gateway ";
        const uint32_t gw = *parse_ipv4(r.gateway, &why);
        if (!host_of_subnet(gw, *address, nic->prefix, &why)) {
          error(route, name + why);
        } else if (!on_link(gw)) {
          error(route, name + r.gateway + " is not reachable from " + nic->address + "/" +
                           std::to_string(nic->prefix));
        }
      }
      nic->routes = std::move(*routes);
    } else {
      error(route, why);
    }
  }
  return errors->size() == errors_before;
}

void parse_network(const Assignments& all, Group<NetworkSettings>* group) {
  std::set<int> indexes;
  for (const Assignment& a : all.entries) {
    if (auto key = nic_key(a.key)) indexes.insert(key->first);
  }
  if (indexes.empty()) return;
  if (!indexes.contains(0)) {
    group->errors.push_back({0, "eth0_ip_addr", "NIC settings without eth0"});
    return;
  }
  NetworkSettings settings;
  bool ok = true;
  for (int index : indexes) {
    Nic nic;
    if (!parse_nic(all, index, &nic, &group->errors)) {
      ok = false;
      continue;
    }
    settings.nics.push_back(std::move(nic));
  }
  if (!ok) return;

  std::map<std::string, std::string> seen_mac;
  std::map<std::string, std::string> seen_address;
  for (size_t i = 0; i < settings.nics.size(); ++i) {
    const Nic& nic = settings.nics[i];
    if (nic.mac && !seen_mac.emplace(*nic.mac, nic.config_name).second) {
      group->errors.push_back(
          {0, nic.config_name + "_mac_addr", nic.config_name + " has the same MAC as " + seen_mac[*nic.mac]});
    }
    if (!seen_address.emplace(nic.address, nic.config_name).second) {
      group->errors.push_back({0, nic.config_name + "_ip_addr",
                               nic.config_name + " has the same address as " + seen_address[nic.address]});
    }
    for (const Route& r : nic.routes) {
      if (!r.is_default()) continue;
      if (settings.default_nic) {
        group->errors.push_back({0, nic.config_name + "_route",
                                 "a second default route (0.0.0.0/0): " +
                                     settings.nics[static_cast<size_t>(*settings.default_nic)].config_name +
                                     " already has one"});
        continue;
      }
      settings.default_nic = static_cast<int>(i);
      settings.default_gateway = r.gateway;
    }
  }
  // No 0.0.0.0/0 route: a VPC file's eth0_gateway is the only gateway there is.
  if (!settings.default_nic && !settings.classic() && !settings.nics[0].gateway.empty()) {
    settings.default_nic = 0;
    settings.default_gateway = settings.nics[0].gateway;
  }
  if (group->errors.empty()) group->value = std::move(settings);
}

}  // namespace

OsConf parse_os_conf(std::string_view text) {
  Assignments all = parse_shell_assignments(text);
  // The encoded password is as secret as the password: wipe our copies once decoded.
  struct WipePasswords {
    Assignments& all;
    ~WipePasswords() {
      for (Assignment& a : all.entries) {
        if (a.key == "password") explicit_bzero(a.value.data(), a.value.size());
      }
    }
  } wipe{all};
  OsConf conf;
  auto errors_for = [&](GroupId id) -> std::vector<Issue>* {
    switch (id) {
      case GroupId::kHostname:
        return &conf.hostname.errors;
      case GroupId::kPassword:
        return &conf.password.errors;
      case GroupId::kNetwork:
        return &conf.network.errors;
      case GroupId::kDns:
        return &conf.dns.errors;
      case GroupId::kNone:
        break;
    }
    return nullptr;
  };
  // A line that is not plain data fails the group its key belongs to; with no known key
  // it fails the file (os.conf is kept) but no group.
  for (const AssignmentError& e : all.errors) {
    std::vector<Issue>* errors = errors_for(group_of(e.key));
    (errors ? *errors : conf.file_errors).push_back({e.line, e.key, e.message});
  }
  for (const Assignment& a : all.entries) {
    if (group_of(a.key) == GroupId::kNone) {
      conf.warnings.push_back({a.line, a.key, "unknown key '" + a.key + "' ignored"});
    }
  }
  if (conf.hostname.errors.empty()) parse_hostname(all, &conf.hostname);
  if (conf.password.errors.empty()) parse_password(all, &conf.password);
  if (conf.network.errors.empty()) parse_network(all, &conf.network);
  if (conf.dns.errors.empty()) parse_dns(all, &conf.dns);
  if (conf.network.value && conf.dns.value) conf.network.value->nameservers = conf.dns.value->nameservers;
  return conf;
}

}  // namespace image_agent::firstboot
