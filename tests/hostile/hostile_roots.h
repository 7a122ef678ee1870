#pragma once

// Hostile roots for precheck and sysprep: a realistic guest (Debian 12's stock root, or
// the same guest configured and used, for sysprep) with what a broken or malicious image
// holds in place of the files they read or remove: symlink loops, symlinks out of the root
// (to canary files in a directory beside it, never to the host's own files), FIFOs,
// device nodes, 10 GiB sparse files, directories of mode 000, and a bind mount of that
// outside directory into the root.
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace image_agent::hostile {

struct HostileRoot {
  std::string name;  ///< a GoogleTest name
  /// Plants the hostility in `root`; `outside` is the canary directory beside it, which
  /// the links point to and the bind mount shows. Returns why it cannot here, or "".
  std::function<std::string(const std::string& root, const std::string& outside)> plant;
  bool as_nobody = false;  ///< run as nobody:nogroup (setpriv) instead of root
};

void PrintTo(const HostileRoot& root, std::ostream* out);

/// What precheck reads made hostile: /etc/fstab, os-release, /bin/sh, sshd_config, GRUB,
/// the initramfs, shadow.
std::vector<HostileRoot> precheck_roots();

/// What sysprep removes or truncates made hostile: histories, keys, logs, leases, the
/// machine-id, the random seed, /tmp, the package cache.
std::vector<HostileRoot> sysprep_roots();

/// The canary files every outside directory holds (relative path -> content).
const std::vector<std::pair<std::string, std::string>>& canaries();

}  // namespace image_agent::hostile
