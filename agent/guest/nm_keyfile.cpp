#include "guest/nm_keyfile.h"

#include <charconv>

#include "guest/ini_file.h"
#include "platform/text.h"

namespace image_agent::guest {

NmKeyfile parse_nm_keyfile(std::string_view text) {
  NmKeyfile keyfile;
  for (const IniEntry& entry : parse_ini(text)) {
    const std::string& section = entry.section;
    const std::string& key = entry.key;
    if (section == "connection") {
      if (key == "id") keyfile.id = entry.value;
      if (key == "type") keyfile.type = entry.value;
      if (key == "interface-name") keyfile.interface_name = entry.value;
      if (key == "master" || key == "controller" || key == "slave-type" || key == "port-type")
        keyfile.port = keyfile.port || !entry.value.empty();
      if (key == "autoconnect") {
        const std::string value = lower(entry.value);
        keyfile.autoconnect = value != "false" && value != "no" && value != "0";
      }
      if (key == "autoconnect-priority") {
        const std::string& v = entry.value;
        int priority = 0;
        if (std::from_chars(v.data(), v.data() + v.size(), priority).ec == std::errc{})
          keyfile.autoconnect_priority = priority;
      }
    }
    if ((section == "ethernet" || section == "802-3-ethernet") && key == "mac-address")
      keyfile.mac = entry.value;
    if (section == "ipv4" && key == "method") keyfile.method4 = entry.value;
    if (section == "ipv6" && key == "method") keyfile.method6 = entry.value;
    const bool address = key.starts_with("address") && key != "address-data";
    if (address && section == "ipv4") keyfile.static4 = true;
    if (address && section == "ipv6") keyfile.static6 = true;
  }
  keyfile.static4 = keyfile.static4 || keyfile.method4 == "manual";
  keyfile.static6 = keyfile.static6 || keyfile.method6 == "manual";
  return keyfile;
}

bool NmKeyfile::plain_dhcp() const {
  const bool ipv4_ok = method4 == "auto" || method4 == "disabled" || method4 == "link-local";
  return ethernet() && !port && ipv4_ok && !static4 && !static6;
}

ConfigFiles load_nm_keyfiles(const RootFs& fs) {
  ConfigFiles out;
  auto any = [](std::string_view) { return true; };
  for (const char* dir : {"/etc/NetworkManager/system-connections", "/run/NetworkManager/system-connections"})
    append(out, load_directory(fs, dir, any));
  ConfigFiles vendor = load_directory(fs, "/usr/lib/NetworkManager/system-connections", any);
  for (ConfigFile& file : vendor.files) file.vendor = true;
  append(out, std::move(vendor));
  return out;
}

}  // namespace image_agent::guest
