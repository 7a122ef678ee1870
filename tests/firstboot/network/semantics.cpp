#include "semantics.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <bitset>
#include <cctype>
#include <filesystem>
#include <regex>
#include <sstream>
#include <vector>

#include "platform/shell_assignments.h"
#include "test_support/temp_dir.h"

namespace image_agent::firstboot::testing {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\"'");
  if (begin == std::string::npos) return {};
  size_t end = text.find_last_not_of(" \t\r\"'");
  return text.substr(begin, end - begin + 1);
}

int prefix_of_netmask(const std::string& netmask) {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (std::sscanf(netmask.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d) != 4) return std::stoi(netmask);
  return static_cast<int>(std::bitset<32>((a << 24) | (b << 16) | (c << 8) | d).count());
}

std::string address_fact(const std::string& nic, const std::string& cidr) {
  std::string fact = nic;
  fact += " address ";
  fact += cidr;
  return fact;
}

// "D/P via G" facts with 0.0.0.0/0 as "default".
void add_route(Facts& facts, const std::string& nic, const std::string& destination,
               const std::string& gateway) {
  if (destination == "default" || destination == "0.0.0.0/0" || destination == "0.0.0.0" ||
      destination.empty()) {
    facts.insert(nic + " default via " + gateway);
  } else {
    facts.insert(nic + " route " + destination + " via " + gateway);
  }
}

// "dns SERVER": which NIC's profile carries a server does not change what the guest uses.
void add_dns(Facts& facts, const std::string& servers, const char* separators) {
  size_t start = 0;
  while ((start = servers.find_first_not_of(separators, start)) != std::string::npos) {
    size_t end = servers.find_first_of(separators, start);
    facts.insert("dns " + servers.substr(start, end - start));
    start = end;
  }
}

std::vector<fs::path> files_in(const std::string& dir, const std::string& prefix = "") {
  std::vector<fs::path> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename().string().starts_with(prefix))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Minimal INI reader: (section, key, value) in file order.
struct IniEntry {
  std::string section, key, value;
  int block = 0;  ///< which occurrence of a section header ([Route] may repeat)
};
std::vector<IniEntry> ini(const std::string& text) {
  std::vector<IniEntry> entries;
  std::istringstream in(text);
  std::string section;
  int block = 0;
  for (std::string line; std::getline(in, line);) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      section = line.substr(1, line.find(']') - 1);
      ++block;
      continue;
    }
    size_t eq = line.find('=');
    if (eq != std::string::npos) {
      entries.push_back({section, trim(line.substr(0, eq)), trim(line.substr(eq + 1)), block});
    }
  }
  return entries;
}

}  // namespace

Facts expected_facts(const NetworkSettings& settings) {
  Facts facts;
  for (const Nic& nic : settings.nics) {
    facts.insert(address_fact(nic.config_name, nic.address + "/" + std::to_string(nic.prefix)));
    for (const Route& route : nic.routes) {
      add_route(facts, nic.config_name, route.destination + "/" + std::to_string(route.prefix),
                route.gateway);
    }
  }
  for (const std::string& server : settings.nameservers) facts.insert("dns " + server);
  return facts;
}

Facts address_facts(const Facts& facts) {
  Facts out;
  for (const std::string& fact : facts) {
    if (fact.find(" address ") != std::string::npos) out.insert(fact);
  }
  return out;
}

Facts without_dns(const Facts& facts) {
  Facts out;
  for (const std::string& fact : facts) {
    if (!fact.starts_with("dns ")) out.insert(fact);
  }
  return out;
}

std::map<std::string, std::string> names_by_mac(const NetworkSettings& settings) {
  std::map<std::string, std::string> names;
  for (const Nic& nic : settings.nics) {
    if (nic.mac) names[lower(*nic.mac)] = nic.config_name;
  }
  return names;
}

std::string cloud_init_v1(const NetworkSettings& settings) {
  std::string gateway;
  std::string out = "version: 1\nconfig:\n";
  for (const Nic& nic : settings.nics) {
    out += "  - type: physical\n    name: " + nic.config_name + "\n";
    if (nic.mac) out += "    mac_address: \"" + *nic.mac + "\"\n";
    out += "    subnets:\n      - type: static\n        address: " + nic.address +
           "\n        netmask: " + nic.netmask + "\n";
    std::string routes;
    for (const Route& route : nic.routes) {
      if (route.is_default()) {
        out += "        gateway: " + route.gateway + "\n";
      } else {
        routes += "          - {network: " + route.destination + ", prefix: " + std::to_string(route.prefix) +
                  ", gateway: " + route.gateway + "}\n";
      }
    }
    if (!routes.empty()) out += "        routes:\n" + routes;
    if (&nic == &settings.nics.front() && !settings.nameservers.empty()) {
      out += "        dns_nameservers: [";
      for (const std::string& server : settings.nameservers) {
        out += (&server == &settings.nameservers.front() ? "" : ", ") + server;
      }
      out += "]\n";
    }
  }
  return out;
}

Facts netplan_facts(const std::string& yaml, const std::map<std::string, std::string>& by_mac) {
  Facts facts;
  YAML::Node ethernets = YAML::Load(yaml)["network"]["ethernets"];
  for (const auto& item : ethernets) {
    std::string nic = item.first.as<std::string>();
    if (item.second["set-name"]) nic = item.second["set-name"].as<std::string>();
    if (item.second["match"] && item.second["match"]["macaddress"]) {
      auto it = by_mac.find(lower(item.second["match"]["macaddress"].as<std::string>()));
      if (it != by_mac.end()) nic = it->second;
    }
    for (const auto& address : item.second["addresses"])
      facts.insert(address_fact(nic, address.as<std::string>()));
    if (item.second["gateway4"]) add_route(facts, nic, "default", item.second["gateway4"].as<std::string>());
    for (const auto& route : item.second["routes"]) {
      add_route(facts, nic, route["to"].as<std::string>(), route["via"].as<std::string>());
    }
    if (const YAML::Node dns = item.second["nameservers"]) {
      for (const auto& server : dns["addresses"]) facts.insert("dns " + server.as<std::string>());
    }
  }
  return facts;
}

Facts networkd_facts(const std::string& dir, const std::map<std::string, std::string>& by_mac) {
  Facts facts;
  for (const fs::path& file : files_in(dir)) {
    if (file.extension() != ".network") continue;
    std::vector<IniEntry> entries = ini(image_agent::testing::read_file(file.string()));
    std::string nic;
    for (const IniEntry& e : entries) {
      if (e.section != "Match") continue;
      if (e.key == "Name") nic = e.value;
      if ((e.key == "MACAddress" || e.key == "PermanentMACAddress") && by_mac.count(lower(e.value)) != 0) {
        nic = by_mac.at(lower(e.value));
      }
    }
    std::map<int, std::pair<std::string, std::string>> routes;  // block -> destination, gateway
    for (const IniEntry& e : entries) {
      if (e.key == "Address" && (e.section == "Network" || e.section == "Address")) {
        facts.insert(address_fact(nic, e.value));
      }
      if (e.section == "Network" && e.key == "Gateway") add_route(facts, nic, "default", e.value);
      if (e.section == "Network" && e.key == "DNS") add_dns(facts, e.value, " ");
      if (e.section == "Route" && e.key == "Destination") routes[e.block].first = e.value;
      if (e.section == "Route" && e.key == "Gateway") routes[e.block].second = e.value;
    }
    for (const auto& [block, route] : routes) add_route(facts, nic, route.first, route.second);
  }
  return facts;
}

Facts eni_facts(const std::string& text) {
  static const std::regex kIpRoute(R"(ip route (?:add|replace) (\S+) via (\S+))");
  static const std::regex kRoute(R"(route add -net (\S+) gw (\S+))");
  Facts facts;
  std::istringstream in(text);
  std::string nic, address, netmask;
  auto flush = [&] {
    if (!address.empty()) {
      facts.insert(nic + " address " +
                   (address.find('/') != std::string::npos
                        ? address
                        : address + "/" + std::to_string(prefix_of_netmask(netmask))));
    }
    address.clear();
    netmask.clear();
  };
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string key;
    words >> key;
    std::string rest;
    std::getline(words, rest);
    rest = trim(rest);
    std::smatch m;
    if (key == "iface") {
      flush();
      nic = rest.substr(0, rest.find(' '));
    } else if (key == "address") {
      address = rest;
    } else if (key == "netmask") {
      netmask = rest;
    } else if (key == "gateway") {
      add_route(facts, nic, "default", rest);
    } else if (key == "dns-nameservers") {
      add_dns(facts, rest, " ");
    } else if ((key == "up" || key == "post-up") &&
               (std::regex_search(rest, m, kIpRoute) || std::regex_search(rest, m, kRoute))) {
      add_route(facts, nic, m[1], m[2]);
    }
  }
  flush();
  return facts;
}

Facts ifquery_facts(const std::string& nic, const std::string& output) {
  // ifquery prints "key: value" lines; turn them back into stanza lines.
  std::string stanza = "iface " + nic + " inet static\n";
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    size_t colon = line.find(": ");
    if (colon != std::string::npos) stanza += line.substr(0, colon) + " " + line.substr(colon + 2) + "\n";
  }
  return eni_facts(stanza);
}

Facts ifcfg_rhel_facts(const std::string& dir) {
  Facts facts;
  for (const fs::path& file : files_in(dir, "ifcfg-")) {
    Assignments v = parse_shell_assignments(image_agent::testing::read_file(file.string()));
    std::string nic = v.get("DEVICE", file.filename().string().substr(6));
    if (nic == "lo") continue;
    std::string prefix = v.get("PREFIX");
    if (prefix.empty()) prefix = std::to_string(prefix_of_netmask(v.get("NETMASK")));
    facts.insert(address_fact(nic, v.get("IPADDR") + "/" + prefix));
    if (!v.get("GATEWAY").empty()) add_route(facts, nic, "default", v.get("GATEWAY"));
    for (int i = 1; !v.get("DNS" + std::to_string(i)).empty(); ++i)
      facts.insert("dns " + v.get("DNS" + std::to_string(i)));
  }
  for (const fs::path& file : files_in(dir, "route-")) {
    std::string nic = file.filename().string().substr(6);
    Assignments v = parse_shell_assignments(image_agent::testing::read_file(file.string()));
    for (int i = 0; !v.get("ADDRESS" + std::to_string(i)).empty(); ++i) {
      std::string n = std::to_string(i);
      add_route(facts, nic,
                v.get("ADDRESS" + n) + "/" + std::to_string(prefix_of_netmask(v.get("NETMASK" + n))),
                v.get("GATEWAY" + n));
    }
  }
  return facts;
}

Facts keyfile_facts(const std::string& text, const std::map<std::string, std::string>& by_mac) {
  Facts facts;
  std::vector<IniEntry> entries = ini(text);
  std::string nic;
  for (const IniEntry& e : entries) {
    if (e.section == "connection" && e.key == "interface-name") nic = e.value;
    if (e.section == "ethernet" && e.key == "mac-address" && by_mac.count(lower(e.value)) != 0) {
      nic = by_mac.at(lower(e.value));
    }
  }
  for (const IniEntry& e : entries) {
    if (e.section != "ipv4") continue;
    std::string first = e.value.substr(0, e.value.find(','));
    std::string second = e.value.find(',') == std::string::npos ? "" : e.value.substr(e.value.find(',') + 1);
    second = second.substr(0, second.find(','));
    if (e.key.starts_with("address")) {
      facts.insert(address_fact(nic, first));
      if (!second.empty()) add_route(facts, nic, "default", second);
    } else if (e.key == "gateway") {
      add_route(facts, nic, "default", e.value);
    } else if (e.key.starts_with("route") && e.key.find('_') == std::string::npos) {
      add_route(facts, nic, first, second);
    } else if (e.key == "dns") {
      add_dns(facts, e.value, ";");
    }
  }
  return facts;
}

Facts ifcfg_suse_facts(const std::string& dir) {
  Facts facts;
  for (const fs::path& file : files_in(dir, "ifcfg-")) {
    std::string nic = file.filename().string().substr(6);
    if (nic == "lo") continue;
    Assignments v = parse_shell_assignments(image_agent::testing::read_file(file.string()));
    std::string address = v.get("IPADDR");
    if (address.find('/') == std::string::npos) {
      address += "/" + std::to_string(prefix_of_netmask(v.get("NETMASK", v.get("PREFIXLEN", "32"))));
    }
    facts.insert(address_fact(nic, address));
  }
  for (const fs::path& file : files_in(dir, "ifroute-")) {
    std::string nic = file.filename().string().substr(8);
    std::istringstream in(image_agent::testing::read_file(file.string()));
    for (std::string line; std::getline(in, line);) {
      std::istringstream words(line);
      std::string destination, gateway, netmask;
      words >> destination >> gateway >> netmask;
      if (destination.empty() || destination[0] == '#') continue;
      if (destination != "default" && destination.find('/') == std::string::npos && netmask != "-") {
        destination += "/" + std::to_string(prefix_of_netmask(netmask));
      }
      add_route(facts, nic, destination, gateway);
    }
  }
  return facts;
}

}  // namespace image_agent::firstboot::testing
