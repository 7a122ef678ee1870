#pragma once

// Whether a service starts at boot: one rule for every engine (precheck's service items,
// firstboot's choice of network stack). systemd's links decide (systemd_units.h); a
// service with no unit file counts as started by its SysV rc links (sysv_init.h), as
// systemd's sysv generator and init itself would start it.
#include <string>
#include <string_view>
#include <vector>

#include "guest/systemd_units.h"
#include "guest/sysv_init.h"
#include "platform/root_fs.h"

namespace image_agent::guest {

/// Every link that can start something at boot: systemd's and SysV's.
struct BootLinks {
  std::vector<UnitLink> units;
  std::vector<RcLink> rc;
  /// systemd is the guest's init. When it is not (CentOS 6's upstart, sysvinit-core),
  /// unit files and their links start nothing: only rc links do, even for a service that
  /// also ships a unit file (as image-agent's own package does everywhere).
  bool systemd_init = true;
};

/// Reads the links once; pass them to every service_status() of the same root.
BootLinks read_boot_links(const RootFs& fs);

/// Whether systemd is the guest's init: /sbin/init is a link to systemd, or absent (a
/// partial tree: the common case). A real /sbin/init program is upstart, sysvinit or busybox.
bool systemd_is_init(const RootFs& fs);

struct ServiceStatus {
  bool installed = false;  ///< a unit file or an init script exists
  bool enabled = false;    ///< starts at boot
  bool masked = false;     ///< linked to /dev/null: cannot start
  std::string unit_file;   ///< the first unit file found, or ""
  std::string init_script;
  std::string link;  ///< the *.wants, alias, mask or rc link that decided
};

/// `units` are alternatives ("ssh.service", "sshd.service", "ssh.socket"): enabled when
/// any is; `script` is the init.d name, counted only when none of `units` has a unit file
/// (systemd ignores rc links of services it has native units for); "" for none.
ServiceStatus service_status(const RootFs& fs, const BootLinks& links,
                             const std::vector<std::string_view>& units, std::string_view script);

/// "enabled (LINK)", "masked (LINK)", "installed, not enabled (FILE)", "not installed".
std::string describe(const ServiceStatus& status);

}  // namespace image_agent::guest
