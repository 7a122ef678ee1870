// netplan: /etc/netplan/90-image-agent.yaml (mode 0600, as netplan wants for files that
// may hold secrets), written with yaml-cpp. Each os.conf NIC is a netdef under its os.conf
// name, `match: macaddress` + `set-name`, DHCP off, its address, and every route; the
// default route is `to: 0.0.0.0/0` (understood by every netplan, unlike `to: default`);
// os.conf's DNS servers as `nameservers: addresses:` on the NIC that carries it (nic_plan.h).
//
// set-name is the NIC's kernel name (nic_names.h): on the running system the name udev has
// already given it, because netplan also matches on that name and udev will not rename the
// NIC again this boot; offline, the os.conf name, which netplan's own .link pins at boot
// (its generator runs before udev names NICs), so our pin files are not needed here.
//
// Not fighting the user's files: netplan merges all YAML files (/lib, /etc, /run; a name
// in /run hides /etc hides /lib) in file-name order, a later file overriding the scalars
// of an earlier one's netdef with the same ID and appending to its lists. So:
// - a user netdef with our ID in an earlier file (cloud-init's 50-cloud-init.yaml "eth0:
//   dhcp4: true") is neutralised by ours: we set dhcp4/dhcp6 false, match and set-name.
//   If it has addresses, routes or gateways, those would be appended to ours: error.
// - a user netdef with our ID in a later file would override ours: error.
// - a user netdef with another ID that selects the same NIC makes two configurations for
//   one interface: error. Each error names the file.
// Before all that, a file that holds only plain DHCP netdefs for our NICs (the installer's
// 00-installer-config.yaml, cloud-init's 50-cloud-init.yaml) is taken over (take_over.h).

#include <fnmatch.h>
#include <strings.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>

#include "firstboot/network/backends.h"
#include "firstboot/network/nic_plan.h"
#include "firstboot/network/owned_files.h"
#include "firstboot/network/take_over.h"
#include "guest/netplan.h"
#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kPath = "/etc/netplan/90-image-agent.yaml";
constexpr const char* kFile = "90-image-agent.yaml";

Result<std::string> render(const std::vector<NicPlan>& nics) {
  try {
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "network" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "version" << YAML::Value << 2;
    out << YAML::Key << "ethernets" << YAML::Value << YAML::BeginMap;
    for (const NicPlan& nic : nics) {
      out << YAML::Key << nic.nic->config_name << YAML::Value << YAML::BeginMap;
      if (nic.nic->mac) {
        // Quoted: YAML 1.1 readers take some all-digit MACs for base-60 numbers.
        out << YAML::Key << "match" << YAML::Value << YAML::BeginMap << YAML::Key << "macaddress"
            << YAML::Value << YAML::DoubleQuoted << *nic.nic->mac << YAML::EndMap;
        out << YAML::Key << "set-name" << YAML::Value << nic.name;
      }
      out << YAML::Key << "dhcp4" << YAML::Value << false << YAML::Key << "dhcp6" << YAML::Value << false;
      out << YAML::Key << "addresses" << YAML::Value << YAML::BeginSeq << nic.cidr << YAML::EndSeq;
      if (!nic.gateway.empty() || !nic.routes.empty()) {
        out << YAML::Key << "routes" << YAML::Value << YAML::BeginSeq;
        if (!nic.gateway.empty()) {
          out << YAML::BeginMap << YAML::Key << "to" << YAML::Value << "0.0.0.0/0" << YAML::Key << "via"
              << YAML::Value << nic.gateway << YAML::EndMap;
        }
        for (const Route& route : nic.routes) {
          out << YAML::BeginMap << YAML::Key << "to" << YAML::Value << destination_of(route) << YAML::Key
              << "via" << YAML::Value << route.gateway << YAML::EndMap;
        }
        out << YAML::EndSeq;
      }
      if (!nic.nameservers.empty()) {
        out << YAML::Key << "nameservers" << YAML::Value << YAML::BeginMap << YAML::Key << "addresses"
            << YAML::Value << YAML::Flow << nic.nameservers << YAML::EndMap;
      }
      out << YAML::EndMap;
    }
    out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    if (!out.good()) return Error{"netplan YAML: " + out.GetLastError(), EINVAL};
    return owned_header() + out.c_str() + "\n";
  } catch (const YAML::Exception& e) {
    return Error{std::string("netplan YAML: ") + e.what(), EINVAL};
  }
}

bool same_mac(const std::string& a, const std::string& b) {
  return a.size() == b.size() && ::strncasecmp(a.c_str(), b.c_str(), a.size()) == 0;
}

// Whether netdef `eth` may configure the NIC (conservative: unknown match keys match).
bool selects(const guest::NetplanEthernet& eth, const NicPlan& nic) {
  if (eth.match.empty()) return names_nic(eth.id, nic);
  for (const auto& [key, value] : eth.match) {
    if (key == "macaddress" && nic.nic->mac && !same_mac(value, *nic.nic->mac)) return false;
    if (key == "name" && ::fnmatch(value.c_str(), nic.name.c_str(), 0) != 0 &&
        ::fnmatch(value.c_str(), nic.nic->config_name.c_str(), 0) != 0) {
      return false;
    }
  }
  return true;
}

// Whether netdef `eth` selects this one NIC and no other: by its ID alone, or by a match
// on its MAC or exact name.
bool selects_only(const guest::NetplanEthernet& eth, const NicPlan& nic) {
  if (eth.match.empty()) return names_nic(eth.id, nic);
  for (const auto& [key, value] : eth.match) {
    const bool mac = key == "macaddress" && nic.nic->mac && same_mac(value, *nic.nic->mac);
    const bool name = key == "name" && names_nic(value, nic);
    if (!mac && !name) return false;
  }
  return true;
}

// A file to take over: an installer's or cloud-init's DHCP file for our NICs only (every
// netdef plain DHCP and for one of our NICs, no bonds, bridges, VLANs or Wi-Fi).
bool stock_dhcp_file(const guest::ConfigFile& file, const std::vector<NicPlan>& nics) {
  if (file.vendor || !guest::netplan_other_devices(file.text).empty()) return false;
  Result<std::vector<guest::NetplanEthernet>> ethernets = guest::parse_netplan_file(file.text, file.path);
  if (!ethernets || ethernets->empty()) return false;
  return std::all_of(ethernets->begin(), ethernets->end(), [&](const guest::NetplanEthernet& eth) {
    return eth.plain_dhcp() &&
           std::any_of(nics.begin(), nics.end(), [&](const NicPlan& nic) { return selects_only(eth, nic); });
  });
}

Result<void> check_user_file(const guest::ConfigFile& file, const std::vector<NicPlan>& nics) {
  Result<std::vector<guest::NetplanEthernet>> ethernets = guest::parse_netplan_file(file.text, file.path);
  if (!ethernets) return Error{"netplan cannot read " + ethernets.error().message, EINVAL};
  for (const guest::NetplanEthernet& eth : *ethernets) {
    for (const NicPlan& nic : nics) {
      bool same_id = eth.id == nic.nic->config_name;
      std::string why;
      if (same_id && file.name > kFile) {
        why = "sorts after " + std::string(kPath) + " and would override its \"" + eth.id + "\"";
      } else if (same_id && (!eth.addresses.empty() || eth.routes)) {
        why = concat({"gives \"", eth.id, "\" addresses, routes or gateways that netplan would add to ours"});
      } else if (!same_id && selects(eth, nic)) {
        why = concat({"configures the same NIC as os.conf's ", nic.nic->config_name, " under the ID \"",
                      eth.id, "\""});
      }
      if (!why.empty()) {
        return Error{concat({file.path, " ", why, ": remove that netdef or make it match another NIC"}),
                     EEXIST};
      }
    }
  }
  return {};
}

class NetplanBackend final : public NetworkBackend {
 public:
  std::string_view name() const override { return "netplan"; }
  bool needs_nic_names() const override { return true; }
  std::vector<std::string> live_regenerate_command() const override { return {"netplan", "generate"}; }

  Result<FileChanges> plan(const NetworkSettings& settings, const NicNames& names,
                           const RootFs& fs) const override {
    std::vector<NicPlan> nics = plan_nics(settings, names);
    if (Result<void> ok = claim(fs, kPath); !ok) return ok.error();
    guest::ConfigFiles files = guest::load_netplan_files(fs);
    if (!files.unreadable.empty()) return files.unreadable.front();
    FileChanges changes;
    for (const guest::ConfigFile& file : files.files) {
      if (is_owned(file.text)) continue;
      if (stock_dhcp_file(file, nics)) {
        append(changes, take_over(file.path, false));
        continue;
      }
      if (Result<void> ok = check_user_file(file, nics); !ok) return ok.error();
    }
    Result<std::string> yaml = render(nics);
    if (!yaml) return yaml.error();
    changes.push_back({FileChange::Kind::kWrite, kPath, *yaml, 0600});
    return changes;
  }
};

}  // namespace

std::unique_ptr<NetworkBackend> make_netplan_backend() {
  return std::make_unique<NetplanBackend>();
}

}  // namespace image_agent::firstboot
