#include "guest/services.h"

#include <sys/stat.h>

namespace image_agent::guest {

bool systemd_is_init(const RootFs& fs) {
  Result<struct stat> init = fs.stat("/sbin/init", Follow::kNo);
  if (!init) return true;
  if (!S_ISLNK(init->st_mode)) return false;
  Result<std::string> target = fs.read_link("/sbin/init");
  return !target || target->find("systemd") != std::string::npos;
}

BootLinks read_boot_links(const RootFs& fs) {
  return {read_unit_links(fs), read_rc_links(fs), systemd_is_init(fs)};
}

ServiceStatus service_status(const RootFs& fs, const BootLinks& links,
                             const std::vector<std::string_view>& units, std::string_view script) {
  ServiceStatus status;
  std::string masked_link;
  for (std::string_view unit : units) {
    std::string file = find_unit_file(fs, unit);
    if (!file.empty() && status.unit_file.empty()) status.unit_file = file;
    if (!links.systemd_init) continue;
    UnitEnablement enablement = unit_enablement(links.units, unit);
    if (enablement.state == UnitState::kEnabled && !status.enabled) {
      status.enabled = true;
      status.link = enablement.link;
    } else if (enablement.state == UnitState::kMasked && masked_link.empty()) {
      masked_link = enablement.link;
    }
  }
  if (!script.empty()) status.init_script = find_init_script(fs, script);
  const bool rc_links_count = status.unit_file.empty() || !links.systemd_init;
  if (!status.enabled && rc_links_count && !status.init_script.empty() && masked_link.empty()) {
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
