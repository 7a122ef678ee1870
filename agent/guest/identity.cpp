#include "guest/identity.h"

#include "platform/shell_assignments.h"

namespace image_agent::guest {

GuestIdentity identify_guest(const RootFs& fs) {
  GuestIdentity identity;
  for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
    Result<std::string> text = fs.read_file(path);
    if (!text) continue;
    if (parse_shell_assignments(*text).find("ID") != nullptr) {
      identity.os_release = parse_os_release(*text);
      identity.os_release_path = path;
      return identity;
    }
    identity.without_id.emplace_back(path);
  }
  // Older systems: /etc/redhat-release, /etc/SuSE-release, /etc/lsb-release...
  if (Result<std::vector<DirEntry>> etc = fs.list("/etc")) {
    for (const DirEntry& entry : *etc) {
      if (!entry.name.ends_with("-release") || entry.name == "os-release") continue;
      std::string path = "/etc/" + entry.name;
      Result<struct stat> st = fs.stat(path);
      if (st && S_ISREG(st->st_mode) && st->st_size > 0) {
        identity.release_file = path;
        break;
      }
    }
  }
  return identity;
}

}  // namespace image_agent::guest
