#pragma once

// Whether a service starts at boot, from systemd's links and SysV rc links, computed once
// per run (Context::fact) and shared by the items that ask about services.
#include <string>
#include <string_view>
#include <vector>

#include "precheck/context.h"
#include "precheck/facts/systemd_units.h"
#include "precheck/facts/sysv_init.h"

namespace image_agent::precheck {

struct ServiceStatus {
  bool installed = false;  ///< a unit file or an init script exists
  bool enabled = false;    ///< starts at boot
  bool masked = false;     ///< linked to /dev/null: cannot start
  std::string unit_file;   ///< the first unit file found, or ""
  std::string init_script;
  std::string link;  ///< the *.wants, mask or rc link that decided
};

/// `units` are alternatives ("ssh.service", "sshd.service", "ssh.socket"): enabled when
/// any is; `script` is the init.d name, counted only when none of `units` has a unit file
/// (systemd ignores rc links of services it has native units for).
ServiceStatus service_status(const Context& context, const std::vector<std::string_view>& units,
                             std::string_view script);

/// "enabled (LINK)", "masked (LINK)", "installed, not enabled (FILE)", "not installed".
std::string describe(const ServiceStatus& status);

}  // namespace image_agent::precheck
