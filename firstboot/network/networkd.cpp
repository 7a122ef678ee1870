// systemd-networkd: one /etc/systemd/network/10-image-agent-ethN.network per NIC,
// matched by MAC ([Match] MACAddress=), static Address=, the default route as Gateway= on
// the NIC that carries it, every other route as a [Route] section.
//
// Not fighting the user's files: networkd applies to a link only the first .network file
// (by file name, over /etc, /run and /usr/lib; a name in /etc hides the same name
// elsewhere) whose [Match] selects it. Files of the user's that sort after ours are
// therefore ignored for our NICs without touching them; one that sorts before ours and
// may select the NIC would win, so it is an error naming it.

#include <cerrno>
#include <map>

#include "firstboot/network/backends.h"
#include "firstboot/network/nic_plan.h"
#include "firstboot/network/owned_files.h"
#include "firstboot/network/systemd_match.h"
#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kDir = "/etc/systemd/network";
constexpr const char* kPrefix = "10-image-agent-";
constexpr const char* kSearchPath[] = {"/etc/systemd/network", "/run/systemd/network",
                                       "/usr/lib/systemd/network", "/lib/systemd/network"};

std::string network_file(const NicPlan& nic) {
  std::string out = owned_header() + "[Match]\n";
  out += nic.nic->mac ? "MACAddress=" + *nic.nic->mac + "\n" : "Name=" + nic.name + "\n";
  out += "\n[Network]\nDHCP=no\nAddress=" + nic.cidr + "\n";
  if (!nic.gateway.empty()) out += "Gateway=" + nic.gateway + "\n";
  for (const Route& route : nic.routes) {
    out += "\n[Route]\nDestination=" + destination_of(route) + "\nGateway=" + route.gateway + "\n";
  }
  return out;
}

// The user's .network files in networkd's order of precedence, keyed by file name.
std::map<std::string, std::string> network_files(const RootFs& fs) {
  std::map<std::string, std::string> first_by_name;
  for (const char* dir : kSearchPath) {
    Result<std::vector<DirEntry>> entries = fs.list(dir);
    if (!entries) continue;
    for (const DirEntry& entry : *entries) {
      if (entry.name.ends_with(".network")) {
        first_by_name.emplace(entry.name, std::string(dir) + "/" + entry.name);
      }
    }
  }
  return first_by_name;
}

class NetworkdBackend final : public NetworkBackend {
 public:
  std::string_view name() const override { return "networkd"; }
  bool needs_nic_names() const override { return false; }

  Result<FileChanges> plan(const NetworkSettings& settings, const NicNames& names,
                           const RootFs& fs) const override {
    std::map<std::string, std::string> existing = network_files(fs);
    FileChanges changes;
    for (const NicPlan& nic : plan_nics(settings, names)) {
      std::string file = std::string(kPrefix) + nic.nic->config_name + ".network";
      std::string path = std::string(kDir) + "/" + file;
      if (Result<void> ok = claim(fs, path); !ok) return ok.error();
      for (const auto& [other, other_path] : existing) {
        if (other >= file) break;
        Result<std::optional<std::string>> content = read_if_exists(fs, other_path);
        if (!content) return content.error();
        if (!*content || is_owned(**content)) continue;
        if (systemd_match_may_select(**content, nic.nic->mac.value_or(""), nic.name)) {
          return Error{
              concat({other_path, " sorts before ", path, " and may match os.conf's ", nic.nic->config_name,
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
