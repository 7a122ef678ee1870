// Which network stack a guest uses, judged only from files in its root (no guest program
// runs; the guest may not even be booted). The first rule that holds wins:
//  1. netplan: /etc/netplan (or /run/netplan, /lib/netplan) holds a *.yaml file, or netplan
//     is installed (/usr/sbin/netplan, /usr/share/netplan). netplan generates the config of
//     networkd or NetworkManager at boot, so it comes before both.
//  2. NetworkManager: NetworkManager.service is enabled (a symlink in
//     /etc/systemd/system/*.target.wants/, or the dbus-org.freedesktop.NetworkManager alias).
//     RHEL ≥ 7, Fedora, SLE 16 and desktops; NM also reads ifcfg-rh files, but keyfiles are
//     what every NM version reads.
//  3. systemd-networkd: systemd-networkd.service or .socket enabled the same way.
//  4. ifupdown: /etc/network/interfaces exists (Debian, Devuan, older Ubuntu).
//  5. SUSE (wicked / sysconfig): /etc/SUSE-brand, or /etc/sysconfig/network/ifcfg-* files.
//  6. RHEL ifcfg (initscripts network service): /etc/sysconfig/network-scripts exists.
// Nothing matching is an error: writing a guess could leave the instance unreachable;
// --network-backend overrides the rule.

#include <cerrno>

#include "firstboot/network/backend.h"

namespace image_agent::firstboot {
namespace {

bool has_entry(const RootFs& fs, const char* dir, std::string_view prefix, std::string_view suffix) {
  Result<std::vector<DirEntry>> entries = fs.list(dir);
  if (!entries) return false;
  for (const DirEntry& entry : *entries) {
    if (entry.name.starts_with(prefix) && entry.name.ends_with(suffix) && entry.type != S_IFDIR) return true;
  }
  return false;
}

// An enabled unit is a symlink named after it in some /etc/systemd/system/*.wants/ (or an
// alias symlink there). A link to /dev/null (masked) or to a missing unit does not count.
bool unit_enabled(const RootFs& fs, std::string_view unit, std::string_view alias = {}) {
  constexpr const char* kSystem = "/etc/systemd/system";
  std::string unit_name(unit);
  if (!alias.empty()) {
    Result<struct stat> target = fs.stat(std::string(kSystem) + "/" + std::string(alias));
    if (target && S_ISREG(target->st_mode)) return true;
  }
  Result<std::vector<DirEntry>> dirs = fs.list(kSystem);
  if (!dirs) return false;
  for (const DirEntry& dir : *dirs) {
    if (dir.type != S_IFDIR || !dir.name.ends_with(".wants")) continue;
    Result<struct stat> target = fs.stat(std::string(kSystem) + "/" + dir.name + "/" + unit_name);
    if (target && S_ISREG(target->st_mode)) return true;
  }
  return false;
}

}  // namespace

Result<std::string> detect_backend(const RootFs& fs) {
  if (has_entry(fs, "/etc/netplan", "", ".yaml") || has_entry(fs, "/run/netplan", "", ".yaml") ||
      has_entry(fs, "/lib/netplan", "", ".yaml") || fs.exists("/usr/sbin/netplan") ||
      fs.exists("/usr/share/netplan")) {
    return std::string("netplan");
  }
  if (unit_enabled(fs, "NetworkManager.service", "dbus-org.freedesktop.NetworkManager.service")) {
    return std::string("networkmanager");
  }
  if (unit_enabled(fs, "systemd-networkd.service", "dbus-org.freedesktop.network1.service") ||
      unit_enabled(fs, "systemd-networkd.socket")) {
    return std::string("networkd");
  }
  if (fs.exists("/etc/network/interfaces")) return std::string("ifupdown");
  if (fs.exists("/etc/SUSE-brand") || has_entry(fs, "/etc/sysconfig/network", "ifcfg-", "")) {
    return std::string("ifcfg-suse");
  }
  Result<struct stat> scripts = fs.stat("/etc/sysconfig/network-scripts");
  if (scripts && S_ISDIR(scripts->st_mode)) return std::string("ifcfg-rhel");
  return Error{
      "cannot tell the guest's network stack: no netplan, NetworkManager or systemd-networkd "
      "enabled, no /etc/network/interfaces, /etc/sysconfig/network/ifcfg-* or "
      "/etc/sysconfig/network-scripts; name one with --network-backend (" +
          std::string("netplan, networkmanager, networkd, ifupdown, ifcfg-suse, ifcfg-rhel)"),
      ENOENT};
}

}  // namespace image_agent::firstboot
