#include "guest/nm_config.h"

#include "guest/config_files.h"
#include "guest/ini_file.h"
#include "guest/services.h"

namespace image_agent::guest {

bool NmMainConfig::writes_resolv_conf() const {
  return dns != "none" && rc_manager != "unmanaged" && rc_manager != "resolvconf" &&
         rc_manager != "netconfig";
}

NmMainConfig parse_nm_main_config(const std::vector<std::string_view>& texts) {
  NmMainConfig config;
  for (std::string_view text : texts) {
    for (const IniEntry& entry : parse_ini(text)) {
      if (entry.section != "main") continue;
      if (entry.key == "dns") config.dns = entry.value;
      if (entry.key == "rc-manager") config.rc_manager = entry.value;
    }
  }
  return config;
}

Result<NmMainConfig> read_nm_main_config(const RootFs& fs) {
  ConfigFiles files = load_directory(fs, "/etc/NetworkManager",
                                     [](std::string_view name) { return name == "NetworkManager.conf"; });
  append(files, load_layered(fs,
                             {"/etc/NetworkManager/conf.d", "/run/NetworkManager/conf.d",
                              "/usr/lib/NetworkManager/conf.d"},
                             [](std::string_view name) { return name.ends_with(".conf"); }));
  if (!files.unreadable.empty()) return files.unreadable.front();
  std::vector<std::string_view> texts;
  for (const ConfigFile& file : files.files) texts.push_back(file.text);
  return parse_nm_main_config(texts);
}

bool network_manager_enabled(const RootFs& fs, const BootLinks& links) {
  return service_status(fs, links, {"NetworkManager.service"}, "").enabled;
}

bool network_manager_enabled(const RootFs& fs) {
  // Only systemd's links: a SysV-started NetworkManager (CentOS 6) is 0.8, which never
  // rewrote resolv.conf behind an ifcfg file's DNS1= (network_stack.cpp says the same).
  return network_manager_enabled(fs, BootLinks{read_unit_links(fs), {}, true});
}

Result<bool> network_manager_writes_resolv_conf(const RootFs& fs) {
  if (!network_manager_enabled(fs)) return false;
  Result<NmMainConfig> config = read_nm_main_config(fs);
  if (!config) return config.error();
  return config->writes_resolv_conf();
}

}  // namespace image_agent::guest
