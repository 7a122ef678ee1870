// SUSE (wicked, and the older sysconfig ifup): /etc/sysconfig/network/ifcfg-NAME and
// ifroute-NAME per NIC. wicked binds an ifcfg file to the interface its name ends in, so
// NAME is the kernel name (nic_names.h); there is no MAC match (LLADDR= would *set* the
// MAC). BOOTPROTO='static', STARTMODE='auto', IPADDR='ADDRESS/PREFIX'. Routes the SUSE
// way, in the NIC's ifroute file as `DESTINATION GATEWAY - NAME` lines, the default
// gateway as a `default GATEWAY - NAME` line in the ifroute file of the NIC that carries it.
//
// Not fighting the user's files: only a file named after the interface configures it, and
// those are the paths we write; the user's one there is taken over when it is a plain DHCP
// profile (SUSE's installer leaves BOOTPROTO='dhcp'; take_over.h), else an error naming it. The global
// /etc/sysconfig/network/routes applies to every interface: a default route there with
// another gateway than ours would compete with ours, so that is an error naming it too.

#include <cerrno>
#include <sstream>

#include "firstboot/network/backends.h"
#include "firstboot/network/nic_plan.h"
#include "firstboot/network/owned_files.h"
#include "firstboot/network/take_over.h"
#include "guest/ifcfg.h"
#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kDir = "/etc/sysconfig/network";
constexpr const char* kGlobalRoutes = "/etc/sysconfig/network/routes";

std::string ifcfg(const NicPlan& nic) {
  return owned_header() + "BOOTPROTO='static'\nSTARTMODE='auto'\nIPADDR='" + nic.cidr + "'\n";
}

std::string ifroute(const NicPlan& nic) {
  std::string out = owned_header();
  if (!nic.gateway.empty()) out += "default " + nic.gateway + " - " + nic.name + "\n";
  for (const Route& route : nic.routes) {
    out += destination_of(route) + " " + route.gateway + " - " + nic.name + "\n";
  }
  return out;
}

// A default route in the global routes file whose gateway is not `gateway`.
Result<void> check_global_routes(const RootFs& fs, const std::string& gateway) {
  if (gateway.empty()) return {};  // os.conf sets no default route: the user's may stay
  Result<std::optional<std::string>> content = read_if_exists(fs, kGlobalRoutes);
  if (!content) return content.error();
  if (!*content || is_owned(**content)) return {};
  std::istringstream in(**content);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string destination, via, netmask;
    fields >> destination >> via >> netmask;
    if (destination.empty() || destination[0] == '#') continue;
    bool is_default = destination == "default" || destination == "0.0.0.0/0" ||
                      (destination == "0.0.0.0" && (netmask == "0.0.0.0" || netmask == "0"));
    if (is_default && via != gateway) {
      return Error{concat({kGlobalRoutes, " has a default route via ", via,
                           " that would compete with os.conf's default gateway ", gateway,
                           ": remove that line (image-agent leaves the user's files alone)"}),
                   EEXIST};
    }
  }
  return {};
}

class IfcfgSuseBackend final : public NetworkBackend {
 public:
  std::string_view name() const override { return "ifcfg-suse"; }
  bool needs_nic_names() const override { return true; }

  Result<FileChanges> plan(const NetworkSettings& settings, const NicNames& names,
                           const RootFs& fs) const override {
    if (Result<void> ok = check_global_routes(fs, default_gateway(settings)); !ok) return ok.error();
    FileChanges changes = names.pin_files;
    for (const NicPlan& nic : plan_nics(settings, names)) {
      std::string ifcfg_path = std::string(kDir) + "/ifcfg-" + nic.name;
      std::string route_path = std::string(kDir) + "/ifroute-" + nic.name;
      Result<FileChanges> taken = claim_or_take_over(fs, ifcfg_path, [&](const std::string& text) {
        return guest::parse_ifcfg(text, ifcfg_path).why_not_plain();
      });
      if (!taken) return taken.error();
      append(changes, *taken);
      changes.push_back({FileChange::Kind::kWrite, ifcfg_path, ifcfg(nic), 0644});
      if (!nic.gateway.empty() || !nic.routes.empty()) {
        if (Result<void> ok = claim(fs, route_path); !ok) return ok.error();
        changes.push_back({FileChange::Kind::kWrite, route_path, ifroute(nic), 0644});
      }
    }
    for (const char* prefix : {"ifcfg-", "ifroute-"}) {
      Result<FileChanges> stale = stale_owned_files(fs, kDir, prefix, "", changes);
      if (!stale) return stale.error();
      append(changes, *stale);
    }
    return changes;
  }
};

}  // namespace

std::unique_ptr<NetworkBackend> make_ifcfg_suse_backend() {
  return std::make_unique<IfcfgSuseBackend>();
}

}  // namespace image_agent::firstboot
