#include "guest/services.h"

namespace image_agent::guest {

BootLinks read_boot_links(const RootFs& fs) {
  return {read_unit_links(fs), read_rc_links(fs)};
}

ServiceStatus service_status(const RootFs& fs, const BootLinks& links,
                             const std::vector<std::string_view>& units, std::string_view script) {
  ServiceStatus status;
  std::string masked_link;
  for (std::string_view unit : units) {
    std::string file = find_unit_file(fs, unit);
    if (!file.empty() && status.unit_file.empty()) status.unit_file = file;
    UnitEnablement enablement = unit_enablement(links.units, unit);
    if (enablement.state == UnitState::kEnabled && !status.enabled) {
      status.enabled = true;
      status.link = enablement.link;
    } else if (enablement.state == UnitState::kMasked && masked_link.empty()) {
      masked_link = enablement.link;
    }
  }
  if (!script.empty()) status.init_script = find_init_script(fs, script);
  if (!status.enabled && status.unit_file.empty() && !status.init_script.empty() && masked_link.empty()) {
    if (const RcLink* link = sysv_start_link(links.rc, script)) {
      status.enabled = true;
      status.link = link->dir + "/" + link->name;
    }
  }
  status.installed = !status.unit_file.empty() || !status.init_script.empty();
  if (!status.enabled && !masked_link.empty()) {
    status.masked = true;
    status.link = masked_link;
  }
  return status;
}

std::string describe(const ServiceStatus& status) {
  if (status.enabled) return "enabled (" + status.link + ")";
  if (status.masked) return "masked (" + status.link + ")";
  if (status.installed)
    return "installed, not enabled (" + (status.unit_file.empty() ? status.init_script : status.unit_file) +
           ")";
  return "not installed";
}

}  // namespace image_agent::guest
