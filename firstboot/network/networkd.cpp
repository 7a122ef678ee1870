// systemd-networkd: one /etc/systemd/network/10-image-agent-ethN.network per NIC,
// matched by MAC ([Match] MACAddress=), static Address=, the default route as Gateway= on
// the NIC that carries it (with os.conf's DNS servers as DNS=, which systemd-resolved
// reads per link), every other route as a [Route] section.
//
// Not fighting the user's files: networkd applies to a link only the first .network file
// (by file name, over /etc, /run and /usr/lib; a name in /etc hides the same name
// elsewhere) whose [Match] selects it. Files of the user's that sort after ours are
// therefore ignored for our NICs without touching them; one that sorts before ours and
// may select the NIC would win, so it is an error naming it, unless it is a plain DHCP file
// for that NIC alone (an installer's 20-wired.network, matched by its name or MAC): that
// one is taken over (take_over.h).

#include <cerrno>

#include "firstboot/network/backends.h"
#include "firstboot/network/nic_plan.h"
#include "firstboot/network/owned_files.h"
#include "firstboot/network/take_over.h"
#include "guest/systemd_network.h"
#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kDir = "/etc/systemd/network";
constexpr const char* kPrefix = "10-image-agent-";

std::string network_file(const NicPlan& nic) {
  std::string out = owned_header() + "[Match]\n";
  out += nic.nic->mac ? "MACAddress=" + *nic.nic->mac + "\n" : "Name=" + nic.name + "\n";
  out += "\n[Network]\nDHCP=no\nAddress=" + nic.cidr + "\n";
  if (!nic.gateway.empty()) out += "Gateway=" + nic.gateway + "\n";
  for (const std::string& server : nic.nameservers) out += "DNS=" + server + "\n";
  for (const Route& route : nic.routes) {
    out += "\n[Route]\nDestination=" + destination_of(route) + "\nGateway=" + route.gateway + "\n";
  }
  return out;
}

// Whether a [Match] selects this one NIC and no other: one exact Name= or one MACAddress=.
bool selects_only(const guest::SystemdMatch& match, const NicPlan& nic) {
  if (match.empty()) return false;
  for (const auto& [key, values] : match) {
    if (values.size() != 1) return false;
    const bool mac = key == "MACAddress" && nic.nic->mac && lower(values[0]) == lower(*nic.nic->mac);
    const bool name = key == "Name" && names_nic(values[0], nic);
    if (!mac && !name) return false;
  }
  return true;
}

class NetworkdBackend final : public NetworkBackend {
 public:
  std::string_view name() const override { return "networkd"; }
  bool needs_nic_names() const override { return false; }

  Result<FileChanges> plan(const NetworkSettings& settings, const NicNames& names,
                           const RootFs& fs) const override {
    guest::ConfigFiles existing = guest::load_network_units(fs, ".network");
    if (!existing.unreadable.empty()) return existing.unreadable.front();
    FileChanges changes;
    for (const NicPlan& nic : plan_nics(settings, names)) {
      std::string file = std::string(kPrefix) + nic.nic->config_name + ".network";
      std::string path = std::string(kDir) + "/" + file;
      if (Result<void> ok = claim(fs, path); !ok) return ok.error();
      for (const guest::ConfigFile& other : existing.files) {
        if (other.name >= file) break;
        if (is_owned(other.text) || takes_over(changes, other.path)) continue;
        const guest::NetworkUnitFile unit = guest::parse_network_unit(other.text);
        if (!other.vendor && unit.plain_dhcp() && selects_only(unit.match, nic)) {
          append(changes, take_over(other.path, false));
          continue;
        }
        if (guest::match_may_select(unit.match, nic.nic->mac.value_or(""), nic.name)) {
          return Error{
              concat({other.path, " sorts before ", path, " and may match os.conf's ", nic.nic->config_name,
                      ", so systemd-networkd would use it instead: rename it to sort after ", file,
                      " or narrow its [Match]"}),
              EEXIST};
        }
      }
      changes.push_back({FileChange::Kind::kWrite, path, network_file(nic), 0644});
    }
    Result<FileChanges> stale = stale_owned_files(fs, kDir, kPrefix, ".network", changes);
    if (!stale) return stale.error();
    append(changes, *stale);
    return changes;
  }
};

}  // namespace

std::unique_ptr<NetworkBackend> make_networkd_backend() {
  return std::make_unique<NetworkdBackend>();
}

}  // namespace image_agent::firstboot
