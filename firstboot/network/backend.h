#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "file_change.h"
#include "platform/result.h"
#include "platform/root_fs.h"
#include "settings.h"

namespace image_agent::firstboot {

/// How the kernel will name each os.conf NIC. Live: found through /sys/class/net by MAC.
/// Offline (--root): the os.conf name (eth0, eth1), pinned by MAC with files that
/// `pin_files` lists (see nic_names.h).
struct NicNames {
  std::map<int, std::string> by_index;  ///< Nic::index -> interface name
  FileChanges pin_files;                ///< written with the network group
};

/// One network stack of a guest. Each implementation is one file in firstboot/network/.
class NetworkBackend {
 public:
  virtual ~NetworkBackend() = default;

  /// "ifcfg-rhel", "ifupdown", "netplan", "networkd", "networkmanager", "ifcfg-suse".
  virtual std::string_view name() const = 0;

  /// The changes that configure `settings` in the guest at `fs`: static address, netmask,
  /// every route, default gateway; NICs matched by MAC where the stack can. Reads the
  /// guest (never writes) to find and neutralise the user's own config for the same NIC.
  virtual Result<FileChanges> plan(const NetworkSettings& settings, const NicNames& names,
                                   const RootFs& fs) const = 0;
};

/// Every backend, by name.
std::unique_ptr<NetworkBackend> make_backend(std::string_view name);
std::vector<std::string_view> backend_names();

/// The backend the guest at `fs` uses (rule documented in network/detect.cpp).
Result<std::string> detect_backend(const RootFs& fs);

}  // namespace image_agent::firstboot
