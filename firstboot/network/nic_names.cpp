#include "firstboot/network/nic_names.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <map>
#include <sstream>
#include <vector>

#include "firstboot/network/owned_files.h"
#include "guest/systemd_network.h"
#include "platform/text.h"

// Offline naming. The instance boots with NICs the kernel calls eth0, eth1 in probe order,
// which udev then renames (ens3, enp0s5, ...) unless told otherwise. We tell it to name
// the NIC with os.conf's ethN MAC "ethN", so the names our ifcfg/ifupdown/SUSE files use
// are the names the NICs get:
// - systemd-udevd guests (every current distribution): /etc/systemd/network/
//   10-image-agent-ethN.link, [Match] MACAddress= / [Link] Name=. udev applies the first
//   .link file that matches, in file-name order; "10-" comes before the distribution's
//   99-default.link. A user's .link that sorts earlier and matches the same NIC would win,
//   so it is an error naming that file.
// - guests whose udev is not systemd's (eudev on Devuan/Gentoo, RHEL 6's udev) ignore
//   .link files, so they get /etc/udev/rules.d/70-image-agent-net.rules with NAME=, the
//   form cloud-init and netplan also write (DRIVERS=="?*" keeps bridges and VLANs that
//   share the MAC from being renamed).
// - a guest with no udev at all keeps the kernel's ethN probe order: nothing to write.
// Naming a NIC in the kernel's own ethN namespace can race with the kernel when NICs
// probe in another order than os.conf lists them (systemd.link(5) warns about it); os.conf
// and the cloud's images use these names, and Alibaba's NICs probe in index order.

namespace image_agent::firstboot {
namespace {

constexpr const char* kLinkDir = "/etc/systemd/network";
constexpr const char* kLinkPrefix = "10-image-agent-";
constexpr const char* kUdevRule = "/etc/udev/rules.d/70-image-agent-net.rules";

std::string trimmed_lower(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

Result<NicNames> resolve_live(const NetworkSettings& settings, const RootFs& fs, const std::string& sysfs) {
  Result<std::vector<DirEntry>> entries = fs.list(sysfs);
  if (!entries) return entries.error();
  // MAC -> interfaces. Bridges, VLANs and bonds can share a NIC's MAC; only the physical
  // NIC has a "device" link, so it is preferred.
  std::map<std::string, std::vector<std::string>> by_mac;
  std::map<std::string, std::vector<std::string>> physical_by_mac;
  for (const DirEntry& entry : *entries) {
    Result<std::string> address = fs.read_file(sysfs + "/" + entry.name + "/address", 4096);
    if (!address) continue;  // not an interface directory
    std::string mac = trimmed_lower(*address);
    by_mac[mac].push_back(entry.name);
    if (fs.exists(sysfs + "/" + entry.name + "/device")) physical_by_mac[mac].push_back(entry.name);
  }
  NicNames names;
  for (const Nic& nic : settings.nics) {
    if (!nic.mac) {
      names.by_index[nic.index] = nic.config_name;
      continue;
    }
    std::string mac = trimmed_lower(*nic.mac);
    const std::vector<std::string>* found = nullptr;
    if (auto it = physical_by_mac.find(mac); it != physical_by_mac.end()) found = &it->second;
    if (found == nullptr) {
      if (auto it = by_mac.find(mac); it != by_mac.end()) found = &it->second;
    }
    if (found == nullptr) {
      return Error{
          concat({"no network interface in ", sysfs, " has MAC ", mac, " (os.conf ", nic.config_name, ")"}),
          ENODEV};
    }
    if (found->size() > 1) {
      return Error{concat({"several network interfaces have MAC ", mac, " (os.conf ", nic.config_name,
                           "): ", (*found)[0], ", ", (*found)[1]}),
                   EEXIST};
    }
    names.by_index[nic.index] = found->front();
  }
  return names;
}

// An earlier-sorting .link of the user's that selects the NIC stops ours from applying.
Result<void> check_link_conflicts(const RootFs& fs, const std::string& ours, const Nic& nic) {
  std::string our_name = ours.substr(ours.rfind('/') + 1);
  guest::ConfigFiles links = guest::load_network_units(fs, ".link");
  if (!links.unreadable.empty()) return links.unreadable.front();
  for (const guest::ConfigFile& link : links.files) {
    if (link.name >= our_name) break;
    if (is_owned(link.text)) continue;
    if (guest::match_may_select(guest::parse_network_unit(link.text).match, *nic.mac, nic.config_name)) {
      return Error{concat({link.path, " sorts before ", ours, " and matches os.conf's ", nic.config_name,
                           " (MAC ", *nic.mac, "), so udev would apply it instead: rename it after ",
                           our_name, " or narrow its [Match]"}),
                   EEXIST};
    }
  }
  return {};
}

// A udev rule of the user's that names the NIC with this MAC otherwise (RHEL's and
// cloud-init's 70-persistent-net.rules) sets NAME before .link files are consulted, and
// a later rule overrides ours: either way the NIC would not get os.conf's name.
Result<void> check_udev_rules(const RootFs& fs, const Nic& nic) {
  constexpr const char* kRulesDir = "/etc/udev/rules.d";
  Result<std::vector<DirEntry>> entries = fs.list(kRulesDir);
  if (!entries) return {};
  for (const DirEntry& entry : *entries) {
    if (!entry.name.ends_with(".rules")) continue;
    std::string path = concat({kRulesDir, "/", entry.name});
    Result<std::optional<std::string>> content = read_if_exists(fs, path);
    if (!content || !*content || is_owned(**content)) continue;
    std::istringstream in(**content);
    for (std::string line; std::getline(in, line);) {
      std::string lower = trimmed_lower(line);
      size_t name = lower.find("name=\"");
      if (name == std::string::npos) name = lower.find("name:=\"");
      if (lower.starts_with("#") || lower.find(trimmed_lower(*nic.mac)) == std::string::npos ||
          name == std::string::npos) {
        continue;
      }
      std::string value = line.substr(line.find('"', name) + 1);
      value = value.substr(0, value.find('"'));
      if (value != nic.config_name) {
        return Error{
            concat({path, " names the NIC with MAC ", *nic.mac, " \"", value, "\", not os.conf's ",
                    nic.config_name, ": remove that rule (image-agent leaves the user's files alone)"}),
            EEXIST};
      }
    }
  }
  return {};
}

Result<NicNames> resolve_offline(const NetworkSettings& settings, const RootFs& fs) {
  NicNames names;
  // Which udev names NICs decides which pin file works; an unreadable probe is no answer.
  Result<bool> systemd_udevd =
      fs.any_present({"/usr/lib/systemd/systemd-udevd", "/lib/systemd/systemd-udevd"});
  if (!systemd_udevd) return systemd_udevd.error();
  Result<bool> other_udev =
      *systemd_udevd ? Result<bool>(false) : fs.any_present({"/etc/udev", "/lib/udev", "/sbin/udevd"});
  if (!other_udev) return other_udev.error();
  std::string rules;
  for (const Nic& nic : settings.nics) {
    names.by_index[nic.index] = nic.config_name;
    if (!nic.mac) continue;  // nothing to pin by: the kernel's ethN it is
    if (Result<void> ok = check_udev_rules(fs, nic); !ok) return ok.error();
    if (*systemd_udevd) {
      std::string path = std::string(kLinkDir) + "/" + kLinkPrefix + nic.config_name + ".link";
      if (Result<void> ok = claim(fs, path); !ok) return ok.error();
      if (Result<void> ok = check_link_conflicts(fs, path, nic); !ok) return ok.error();
      names.pin_files.push_back(
          {FileChange::Kind::kWrite, path,
           owned_header() + "[Match]\nMACAddress=" + *nic.mac + "\n\n[Link]\nName=" + nic.config_name + "\n",
           0644});
    } else if (*other_udev) {
      rules += "SUBSYSTEM==\"net\", ACTION==\"add\", DRIVERS==\"?*\", ATTR{address}==\"" + *nic.mac +
               "\", NAME=\"" + nic.config_name + "\"\n";
    }
  }
  if (!rules.empty()) {
    if (Result<void> ok = claim(fs, kUdevRule); !ok) return ok.error();
    names.pin_files.push_back({FileChange::Kind::kWrite, kUdevRule, owned_header() + rules, 0644});
  }
  Result<FileChanges> stale = stale_owned_files(fs, kLinkDir, kLinkPrefix, ".link", names.pin_files);
  if (!stale) return stale.error();
  append(names.pin_files, *stale);
  return names;
}

}  // namespace

Result<NicNames> resolve_nic_names(const NetworkSettings& settings, const RootFs& fs, bool live,
                                   const std::string& sysfs_class_net) {
  return live ? resolve_live(settings, fs, sysfs_class_net) : resolve_offline(settings, fs);
}

}  // namespace image_agent::firstboot
