#include "guest/nm_config.h"

#include "guest/config_files.h"
#include "guest/ini_file.h"

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

}  // namespace image_agent::guest
