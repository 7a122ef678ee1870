// Which network stack a guest uses, judged only from files in its root (no guest program
// runs; the guest may not even be booted). The first rule that holds wins:
//  1. netplan: /etc/netplan (or /run/netplan, /lib/netplan) holds a *.yaml file, or netplan
//     is installed (/usr/sbin/netplan, /usr/share/netplan). netplan generates the config of
//     networkd or NetworkManager at boot, so it comes before both.
//  2. NetworkManager: NetworkManager.service is enabled, by systemd's rule as precheck
//     applies it (services.h: *.wants/*.requires links in /etc or the vendor directories;
//     a mask wins; an alias alone does not count).
//     RHEL ≥ 7, Fedora, SLE 16 and desktops; NM also reads ifcfg-rh files, but keyfiles are
//     what every NM version reads. Only its systemd unit counts: a SysV-started NM (CentOS
//     6) is 0.8, which reads ifcfg files, so rule 6 serves it.
//  3. systemd-networkd: systemd-networkd.service or .socket enabled the same way.
//  4. ifupdown: /etc/network/interfaces exists (Debian, Devuan, older Ubuntu).
//  5. SUSE (wicked / sysconfig): /etc/SUSE-brand, or /etc/sysconfig/network/ifcfg-* files.
//  6. RHEL ifcfg (initscripts network service): /etc/sysconfig/network-scripts exists.
// Nothing matching is an error: writing a guess could leave the instance unreachable;
// --network-backend overrides the rule.

#include "guest/network_stack.h"

#include <cerrno>
#include <functional>

#include "guest/nm_config.h"
#include "guest/services.h"

namespace image_agent::guest {
namespace {

// Whether `dir` holds a non-directory entry named PREFIX*SUFFIX; a missing directory holds
// none, an unreadable one is an error (the answer decides which stack firstboot writes for).
Result<bool> has_entry(const RootFs& fs, const char* dir, std::string_view prefix, std::string_view suffix) {
  Result<std::vector<DirEntry>> entries = fs.list(dir);
  if (!entries) {
    if (entries.error().code == ENOENT || entries.error().code == ENOTDIR) return false;
    return entries.error();
  }
  for (const DirEntry& entry : *entries) {
    if (entry.name.starts_with(prefix) && entry.name.ends_with(suffix) && entry.type != S_IFDIR) return true;
  }
  return false;
}

// The first of `probes` that holds, in order; an error stops the search.
Result<bool> any_of(std::initializer_list<std::function<Result<bool>()>> probes) {
  for (const auto& probe : probes) {
    Result<bool> found = probe();
    if (!found || *found) return found;
  }
  return false;
}

}  // namespace

Result<std::string> detect_network_stack(const RootFs& fs) {
  auto entry = [&fs](const char* dir, std::string_view prefix, std::string_view suffix) {
    return [&fs, dir, prefix, suffix] { return has_entry(fs, dir, prefix, suffix); };
  };
  auto path = [&fs](const char* name) { return [&fs, name] { return fs.present(name); }; };
  Result<bool> netplan =
      any_of({entry("/etc/netplan", "", ".yaml"), entry("/run/netplan", "", ".yaml"),
              entry("/lib/netplan", "", ".yaml"), path("/usr/sbin/netplan"), path("/usr/share/netplan")});
  if (!netplan) return netplan.error();
  if (*netplan) return std::string("netplan");
  // Only systemd's links decide here (no init script is asked for): firstboot runs this on
  // every boot, so the SysV rc directories are not read.
  const BootLinks links{read_unit_links(fs), {}, true};
  if (network_manager_enabled(fs, links)) return std::string("networkmanager");
  if (service_status(fs, links, {"systemd-networkd.service", "systemd-networkd.socket"}, "").enabled) {
    return std::string("networkd");
  }
  Result<bool> ifupdown = fs.present("/etc/network/interfaces");
  if (!ifupdown) return ifupdown.error();
  if (*ifupdown) return std::string("ifupdown");
  Result<bool> suse = any_of({path("/etc/SUSE-brand"), entry("/etc/sysconfig/network", "ifcfg-", "")});
  if (!suse) return suse.error();
  if (*suse) return std::string("ifcfg-suse");
  Result<struct stat> scripts = fs.stat("/etc/sysconfig/network-scripts");
  if (scripts && S_ISDIR(scripts->st_mode)) return std::string("ifcfg-rhel");
  return Error{
      "cannot tell the guest's network stack: no netplan, NetworkManager or systemd-networkd "
      "enabled, no /etc/network/interfaces, /etc/sysconfig/network/ifcfg-* or "
      "/etc/sysconfig/network-scripts; name one with --network-backend (" +
          std::string("netplan, networkmanager, networkd, ifupdown, ifcfg-suse, ifcfg-rhel)"),
      ENOENT};
}

}  // namespace image_agent::guest
