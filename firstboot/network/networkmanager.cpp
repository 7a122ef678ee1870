// NetworkManager: one keyfile per NIC, /etc/NetworkManager/system-connections/
// image-agent-ethN.nmconnection (mode 0600: NM ignores keyfiles others can read), bound to
// the NIC by [ethernet] mac-address=, ipv4 method=manual with address1=, the default
// gateway on the NIC that carries it (never-default on the others) with os.conf's DNS
// servers as dns= (NetworkManager writes resolv.conf from its connections), every other
// route as routeN=DEST,GATEWAY.
//
// Not fighting the user's files: NM may hold several connections for one device and
// autoconnects the one with the highest connection.autoconnect-priority. Ours has 999,
// the maximum; the user's keyfiles, ifcfg-rh files and NM's own "Wired connection 1"
// default to 0 or less, so they stay on disk, unused for our NICs, and the user can still
// activate them by hand. A plain DHCP profile for our NIC that would autoconnect is taken
// over all the same (take_over.h): NM would fall back to it should ours fail. A user keyfile for the same NIC
// that also has priority 999 would tie (NM then takes the one used last), so that, and a user file at our
// keyfile's own path, are errors naming the file. So is any other ifcfg-rh file for our NIC with
// ONBOOT=yes where the initscripts' network service is enabled too (CentOS 7): its ifup
// activates that profile after NM has activated ours.

#include <strings.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>

#include "firstboot/network/backends.h"
#include "firstboot/network/nic_plan.h"
#include "firstboot/network/owned_files.h"
#include "firstboot/network/take_over.h"
#include "guest/ifcfg.h"
#include "guest/nm_keyfile.h"
#include "guest/services.h"
#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kDir = "/etc/NetworkManager/system-connections";
constexpr const char* kPrefix = "image-agent-";

// A UUID that depends only on `key`, so an unchanged os.conf renders the same bytes and
// NM keeps treating the connection as the same one. FNV-1a, twice with different seeds,
// shaped as a version-4 UUID (NM only checks the syntax).
std::string stable_uuid(const std::string& key) {
  auto fnv = [&](uint64_t hash) {
    for (unsigned char c : key) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
  };
  uint64_t high = fnv(0xcbf29ce484222325ULL);
  uint64_t low = fnv(0x84222325cbf29ce4ULL);
  high = (high & ~uint64_t{0xf000}) | 0x4000;                    // version 4
  low = (low & ~(uint64_t{0xc} << 60)) | (uint64_t{0x8} << 60);  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xffff),
                static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

std::string keyfile(const NicPlan& nic) {
  std::string id = std::string(kPrefix) + nic.nic->config_name;
  std::string out = owned_header();
  out += "[connection]\nid=" + id + "\nuuid=" + stable_uuid(id + " " + nic.mac_upper) +
         "\ntype=ethernet\nautoconnect=true\nautoconnect-priority=999\n";
  if (!nic.nic->mac) out += "interface-name=" + nic.name + "\n";
  out += "\n[ethernet]\n";
  if (nic.nic->mac) out += "mac-address=" + nic.mac_upper + "\n";
  out += "\n[ipv4]\nmethod=manual\naddress1=" + nic.cidr + "\n";
  if (!nic.gateway.empty()) {
    out += "gateway=" + nic.gateway + "\n";
  } else {
    out += "never-default=true\n";
  }
  int n = 0;
  for (const Route& route : nic.routes) {
    out += "route" + std::to_string(++n) + "=" + destination_of(route) + "," + route.gateway + "\n";
  }
  if (!nic.nameservers.empty()) out += "dns=" + join(nic.nameservers, ";") + ";\nignore-auto-dns=true\n";
  out += "may-fail=false\n\n[ipv6]\nmethod=ignore\n";
  return out;
}

bool same_text_no_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool for_nic(const guest::NmKeyfile& keyfile, const NicPlan& nic) {
  return (!keyfile.mac.empty() && same_text_no_case(keyfile.mac, nic.mac_upper)) ||
         names_nic(keyfile.interface_name, nic);
}

constexpr const char* kIfupAdvice =
    ", and the network service is enabled: its ifup would switch the NIC to this profile after "
    "NetworkManager has brought up os.conf's; remove the file, set ONBOOT=no in it, or disable the network "
    "service";

bool initscripts_network_enabled(const RootFs& fs) {
  return guest::service_status(fs, guest::read_boot_links(fs), {"network.service"}, "network").enabled;
}

// The user's profiles for our NICs. A plain DHCP one that would autoconnect (NM's "Wired
// connection 1", an installer's keyfile or ifcfg-rh file) is taken over, so NM cannot fall
// back to DHCP; one that ties with ours on priority 999 is an error; any other stays and
// loses on priority.
Result<FileChanges> user_profiles(const RootFs& fs, const std::vector<NicPlan>& nics) {
  guest::ConfigFiles files = guest::load_nm_keyfiles(fs);
  if (!files.unreadable.empty()) return files.unreadable.front();
  FileChanges changes;
  for (const guest::ConfigFile& file : files.files) {
    if (is_owned(file.text)) continue;
    guest::NmKeyfile keyfile = guest::parse_nm_keyfile(file.text);
    if (!keyfile.autoconnect) continue;
    for (const NicPlan& nic : nics) {
      if (!for_nic(keyfile, nic)) continue;
      if (keyfile.plain_dhcp() && !file.vendor && keyfile.autoconnect_priority < 999) {
        append(changes, take_over(file.path, false));
        break;
      }
      if (keyfile.autoconnect_priority == 999) {
        return Error{
            concat({file.path, " is for the same NIC as os.conf's ", nic.nic->config_name,
                    " and has autoconnect-priority=999 like ours, so NetworkManager could pick either: "
                    "lower its priority or set autoconnect=false"}),
            EEXIST};
      }
    }
  }
  // NetworkManager's ifcfg-rh plugin (RHEL 7-9) reads these as profiles too. Where the
  // initscripts' network service is enabled as well (CentOS 7's default), it runs `ifup`
  // on every ONBOOT=yes file after NetworkManager has started, and ifup asks NetworkManager
  // to activate that file's profile on the NIC: priority does not protect ours there.
  guest::ConfigFiles ifcfgs = guest::load_ifcfg_files(fs, guest::kRhelIfcfgDir);
  if (!ifcfgs.unreadable.empty()) return ifcfgs.unreadable.front();
  const bool network_service = initscripts_network_enabled(fs);
  for (const guest::ConfigFile& file : ifcfgs.files) {
    if (is_owned(file.text)) continue;
    guest::Ifcfg ifcfg = guest::parse_ifcfg(file.text, file.path);
    for (const NicPlan& nic : nics) {
      const bool by_mac = nic.nic->mac && same_text_no_case(ifcfg.hwaddr, nic.mac_upper);
      if (!(by_mac || names_nic(ifcfg.device, nic)) || !ifcfg.onboot) continue;
      if (ifcfg.plain_dhcp()) {
        append(changes, take_over(file.path, false));
        break;
      }
      if (network_service) {
        return Error{concat({file.path, " configures the same NIC as os.conf's ", nic.nic->config_name, " (",
                             ifcfg.why_not_plain(), ") with ONBOOT=yes", kIfupAdvice}),
                     EEXIST};
      }
    }
  }
  return changes;
}

class NetworkManagerBackend final : public NetworkBackend {
 public:
  std::string_view name() const override { return "networkmanager"; }
  bool needs_nic_names() const override { return false; }

  Result<FileChanges> plan(const NetworkSettings& settings, const NicNames& names,
                           const RootFs& fs) const override {
    std::vector<NicPlan> nics = plan_nics(settings, names);
    Result<FileChanges> taken = user_profiles(fs, nics);
    if (!taken) return taken.error();
    FileChanges changes = std::move(*taken);
    for (const NicPlan& nic : nics) {
      std::string path = std::string(kDir) + "/" + kPrefix + nic.nic->config_name + ".nmconnection";
      if (Result<void> ok = claim(fs, path); !ok) {
        return ok.error();
      }
      changes.push_back({FileChange::Kind::kWrite, path, keyfile(nic), 0600});
    }
    Result<FileChanges> stale = stale_owned_files(fs, kDir, kPrefix, ".nmconnection", changes);
    if (!stale) return stale.error();
    append(changes, *stale);
    return changes;
  }
};

}  // namespace

std::unique_ptr<NetworkBackend> make_networkmanager_backend() {
  return std::make_unique<NetworkManagerBackend>();
}

}  // namespace image_agent::firstboot
