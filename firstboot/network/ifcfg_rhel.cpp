// RHEL-family initscripts (network-scripts; also read by NetworkManager's ifcfg-rh
// plugin): /etc/sysconfig/network-scripts/ifcfg-NAME and route-NAME per NIC, NAME being the
// kernel name (nic_names.h) and HWADDR= the os.conf MAC, BOOTPROTO=none, ONBOOT=yes,
// IPADDR/NETMASK/PREFIX, GATEWAY= and DEFROUTE=yes only on the NIC that carries the
// default route (DEFROUTE=no elsewhere), with os.conf's DNS servers as DNS1=, DNS2=
// (ifup and NetworkManager both read them), the other routes as ADDRESSn/NETMASKn/GATEWAYn.
// /etc/sysconfig/network gets the same GATEWAY= (and GATEWAYDEV=, if the user has one,
// names our NIC), since initscripts apply a global GATEWAY to whichever NIC reaches it;
// only those lines change, every other line is kept byte for byte.
//
// Not fighting the user's files: initscripts bring up every ifcfg-* with ONBOOT=yes, and
// two files for one device both run, so nothing non-destructive can outrank a user's file
// for our NIC (we may not rename it, nor edit its ONBOOT). A user ifcfg file that names
// our NIC (HWADDR= its MAC, DEVICE= its name, or named after it without DEVICE=) and is
// not ONBOOT=no, or that sits at our file's path: anaconda's plain DHCP ifcfg-eth0 is
// taken over (take_over.h), any other is an error naming it. AUTOCONNECT_PRIORITY=999
// makes NetworkManager, when it reads these files, prefer ours all the same.

#include <cerrno>

#include "firstboot/network/backends.h"
#include "firstboot/network/nic_plan.h"
#include "firstboot/network/owned_files.h"
#include "firstboot/network/take_over.h"
#include "guest/ifcfg.h"
#include "platform/shell_assignments.h"
#include "platform/text.h"

namespace image_agent::firstboot {
namespace {

constexpr const char* kDir = guest::kRhelIfcfgDir;
constexpr const char* kKeptAdvice =
    ": image-agent takes over only a plain DHCP profile and leaves this one alone; remove it, or move it out "
    "of ";
constexpr const char* kGlobal = "/etc/sysconfig/network";

std::string ifcfg(const NicPlan& nic) {
  std::string out = owned_header() + "DEVICE=" + nic.name + "\n";
  if (nic.nic->mac) out += "HWADDR=" + *nic.nic->mac + "\n";
  out += "TYPE=Ethernet\nBOOTPROTO=none\nONBOOT=yes\nIPADDR=" + nic.nic->address +
         "\nNETMASK=" + netmask_of(nic.nic->prefix) + "\nPREFIX=" + std::to_string(nic.nic->prefix) + "\n";
  out += nic.gateway.empty() ? "DEFROUTE=no\n" : "DEFROUTE=yes\nGATEWAY=" + nic.gateway + "\n";
  for (size_t i = 0; i < nic.nameservers.size(); ++i) {
    out += "DNS" + std::to_string(i + 1) + "=" + nic.nameservers[i] + "\n";
  }
  out += "IPV6INIT=no\nAUTOCONNECT_PRIORITY=999\nUSERCTL=no\n";
  return out;
}

std::string route_file(const NicPlan& nic) {
  std::string out = owned_header();
  int n = 0;
  for (const Route& route : nic.routes) {
    std::string i = std::to_string(n++);
    out += concat({"ADDRESS", i, "=", route.destination, "\nNETMASK", i, "=", netmask_of(route.prefix),
                   "\nGATEWAY", i, "=", route.gateway, "\n"});
  }
  return out;
}

bool equal_no_case(std::string_view a, std::string_view b) {
  return lower(a) == lower(b);
}

// The user's ifcfg files in `dir` that configure one of our NICs (DEVICE=, HWADDR= or
// the file name): a plain DHCP one that would come up (or sits at our file's path) is
// taken over; any other such file is an error naming it.
Result<FileChanges> user_ifcfgs(const RootFs& fs, const std::vector<NicPlan>& nics) {
  guest::ConfigFiles files = guest::load_ifcfg_files(fs, kDir);
  if (!files.unreadable.empty()) return files.unreadable.front();
  FileChanges changes;
  for (const guest::ConfigFile& file : files.files) {
    if (is_owned(file.text)) continue;
    guest::Ifcfg ifcfg = guest::parse_ifcfg(file.text, file.path);
    for (const NicPlan& nic : nics) {
      const std::string ours = concat({kDir, "/ifcfg-", nic.name});
      const bool at_ours = file.path == ours;
      const bool by_mac = nic.nic->mac && equal_no_case(ifcfg.hwaddr, *nic.nic->mac);
      if (!at_ours && !((by_mac || ifcfg.device == nic.name) && ifcfg.onboot)) continue;
      if (ifcfg.plain_dhcp()) {
        append(changes, take_over(file.path, at_ours));
        break;
      }
      return Error{concat({file.path, " configures ", nic.name, " (os.conf ", nic.nic->config_name, ") and ",
                           ifcfg.why_not_plain(), kKeptAdvice, kDir}),
                   EEXIST};
    }
  }
  return changes;
}

// /etc/sysconfig/network with GATEWAY= (and an existing GATEWAYDEV=) set, other lines kept.
Result<std::optional<FileChange>> global_network(const RootFs& fs, const std::string& gateway,
                                                 const std::string& device) {
  if (gateway.empty()) return std::optional<FileChange>();
  Result<std::optional<std::string>> current = read_if_exists(fs, kGlobal);
  if (!current) return current.error();
  if (!*current) {
    return std::optional<FileChange>(FileChange{FileChange::Kind::kWrite, kGlobal,
                                                owned_header() + "NETWORKING=yes\nGATEWAY=" + gateway + "\n",
                                                0644});
  }
  std::string out = set_assignment(**current, "GATEWAY", gateway);
  if (std::optional<std::string> with_device = replace_assignment(out, "GATEWAYDEV", device))
    out = *with_device;
  return std::optional<FileChange>(FileChange{FileChange::Kind::kWrite, kGlobal, out, 0644});
}

class IfcfgRhelBackend final : public NetworkBackend {
 public:
  std::string_view name() const override { return "ifcfg-rhel"; }
  bool needs_nic_names() const override { return true; }

  Result<FileChanges> plan(const NetworkSettings& settings, const NicNames& names,
                           const RootFs& fs) const override {
    std::vector<NicPlan> nics = plan_nics(settings, names);
    Result<FileChanges> taken = user_ifcfgs(fs, nics);
    if (!taken) return taken.error();
    FileChanges changes = names.pin_files;
    append(changes, *taken);
    std::string default_device;
    for (const NicPlan& nic : nics) {
      std::string ifcfg_path = std::string(kDir) + "/ifcfg-" + nic.name;
      std::string route_path = std::string(kDir) + "/route-" + nic.name;
      if (!takes_over(changes, ifcfg_path)) {
        if (Result<void> ok = claim(fs, ifcfg_path); !ok) return ok.error();
      }
      changes.push_back({FileChange::Kind::kWrite, ifcfg_path, ifcfg(nic), 0644});
      if (!nic.routes.empty()) {
        if (Result<void> ok = claim(fs, route_path); !ok) return ok.error();
        changes.push_back({FileChange::Kind::kWrite, route_path, route_file(nic), 0644});
      }
      if (!nic.gateway.empty()) default_device = nic.name;
    }
    for (const char* prefix : {"ifcfg-", "route-"}) {
      Result<FileChanges> stale = stale_owned_files(fs, kDir, prefix, "", changes);
      if (!stale) return stale.error();
      append(changes, *stale);
    }
    Result<std::optional<FileChange>> global = global_network(fs, default_gateway(settings), default_device);
    if (!global) return global.error();
    if (*global) changes.push_back(**global);
    return changes;
  }
};

}  // namespace

std::unique_ptr<NetworkBackend> make_ifcfg_rhel_backend() {
  return std::make_unique<IfcfgRhelBackend>();
}

}  // namespace image_agent::firstboot
