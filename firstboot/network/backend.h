#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "firstboot/file_change.h"
#include "firstboot/settings.h"
#include "platform/result.h"
#include "platform/root_fs.h"

namespace image_agent::firstboot {

/// How the kernel will name each os.conf NIC. Live: found through /sys/class/net by MAC.
/// Offline (--root): the os.conf name (eth0, eth1), pinned by MAC with files that
/// `pin_files` lists (see nic_names.h).
struct NicNames {
  std::map<int, std::string> by_index;  ///< Nic::index -> interface name
  FileChanges pin_files;                ///< the .link / udev files that make the names true
};

/// One network stack of a guest. Each implementation is one file in firstboot/network/.
class NetworkBackend {
 public:
  virtual ~NetworkBackend() = default;

  /// "ifcfg-rhel", "ifupdown", "netplan", "networkd", "networkmanager", "ifcfg-suse".
  virtual std::string_view name() const = 0;

  /// Whether plan() needs the kernel's interface names (resolve_nic_names). networkd and
  /// NetworkManager match a NIC by MAC alone and ignore `names`; ifcfg, ifupdown and SUSE
  /// configure interfaces by name and include `names.pin_files` in their plan; netplan
  /// matches by MAC but its set-name must be the name the NIC has.
  virtual bool needs_nic_names() const = 0;

  /// The changes that configure `settings` in the guest at `fs`: static address, netmask,
  /// every route, default gateway; NICs matched by MAC where the stack can. The result is
  /// the whole network group, pin files included. Reads the guest (never writes) to make
  /// sure the user's own config for the same NIC cannot fight ours; where it could and
  /// nothing non-destructive prevents that, fails naming the user's file.
  virtual Result<FileChanges> plan(const NetworkSettings& settings, const NicNames& names,
                                   const RootFs& fs) const = 0;

  /// On the running system only: the program (argv) to run after the files are written,
  /// when the stack has already turned the old files into its runtime config before our
  /// unit ran. Empty for stacks that read their files when they start, after us. netplan:
  /// its systemd generator renders /run/systemd/network before any unit starts, so
  /// `netplan generate` must run again for networkd or NM to see the new YAML this boot.
  virtual std::vector<std::string> live_regenerate_command() const { return {}; }
};

/// Every backend, by name; nullptr for an unknown name.
std::unique_ptr<NetworkBackend> make_backend(std::string_view name);
/// The names make_backend() knows, in detection order.
std::vector<std::string_view> backend_names();

}  // namespace image_agent::firstboot
