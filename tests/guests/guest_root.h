#pragma once

// The fixture roots of tests/data/guests: one stock guest per family people import as
// Customized Linux (each root's NOTES.md says where its files' shapes come from), what
// firstboot and precheck should make of it, and the steps a test needs to use one: copy it
// into a temp dir the way it would be on disk (modes, empty directories), install
// image-agent's package files into it, run the real binary on it.
#include <ostream>
#include <string>
#include <vector>

#include "platform/process.h"

namespace image_agent::guests {

/// Where a distribution reads the host name.
enum class HostnameFile { kEtcHostname, kSysconfigNetwork };

/// Where that guest's resolver takes its name servers from, once firstboot is done.
enum class DnsHome {
  kPlainResolvConf,  ///< nothing manages /etc/resolv.conf
  kIfcfg,            ///< initscripts: DNS1=, DNS2= of the NIC's ifcfg (ifup writes resolv.conf)
  kNmKeyfile,        ///< NetworkManager: dns= of the connection
  kNetconfig,        ///< SUSE netconfig: NETCONFIG_DNS_STATIC_SERVERS in /etc/sysconfig/network/config
  kNetplan,          ///< netplan nameservers:, rendered as networkd DNS= for systemd-resolved
};

struct Family {
  std::string name;     ///< directory under tests/data/guests
  std::string backend;  ///< the network stack firstboot must detect
  /// Where the cloud's os.conf shows up in the tree: partition 1 is /boot on the RHEL
  /// family's stock layout, the root file system elsewhere.
  std::string os_conf_dir;
  HostnameFile hostname;
  std::vector<DnsHome> dns;
  std::string stock_profile;  ///< the installer's DHCP profile (guest path)
  std::string stock_nic;      ///< the NIC name it configures
  /// It also selects its NIC by the build VM's MAC (netplan `match: macaddress`), so even
  /// under the name eth0 it configures no NIC of the instance: firstboot leaves it.
  bool stock_by_build_mac;
  bool cloud_init_active;  ///< cloud-init would re-render network and host name on a new instance
  bool selinux_enforcing;
  /// A profile the user could have instead, one firstboot refuses to take over.
  std::string refused_path;
  std::string refused_content;
  /// Its kernel is older than Linux 3.2, on which the static binary cannot start (CentOS 6
  /// boots 2.6.32): precheck's firstboot item fails for that whatever the profiles.
  bool kernel_too_old = false;
};

/// Every family, in a fixed order.
const std::vector<Family>& families();

/// A family as shipped, or with its stock profile naming eth0 (the same image installed
/// with net.ifnames=0) when the shipped one names another NIC.
struct Guest {
  const Family* family;
  bool eth0 = false;
  /// The stock profile's path and NIC in this variant.
  std::string stock_profile() const;
  std::string stock_nic() const { return eth0 ? "eth0" : family->stock_nic; }
  /// Whether the stock profile is for the NIC os.conf calls eth0, so firstboot takes it over.
  bool stock_for_os_conf_nic() const { return stock_nic() == "eth0" && !family->stock_by_build_mac; }
  /// "Centos7Nm", "Rocky9Eth0": a GoogleTest name.
  std::string test_name() const;
};

void PrintTo(const Guest& guest, std::ostream* out);

/// Each family as shipped, plus its eth0 variant where that differs.
std::vector<Guest> guests();

/// Copies the guest's root to `dir` as it is on disk: symlinks kept, the modes of
/// `modes`, the directories of `empty-dirs`; then the eth0 variant's rename, and
/// image-agent's package files (unit, init script, preset, configuration, binary) where
/// the .deb and .rpm install them.
void make_root(const Guest& guest, const std::string& dir);

/// `image-agent ARGS...` (the built binary), with a deadline.
RunResult run_agent(const std::vector<std::string>& args);

}  // namespace image_agent::guests
