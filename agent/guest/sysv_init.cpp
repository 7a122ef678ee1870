#include "guest/sysv_init.h"

#include <cctype>

namespace image_agent::guest {

const RcLink* sysv_start_link(const std::vector<RcLink>& links, std::string_view script) {
  for (const RcLink& link : links) {
    std::string_view dir = link.dir;
    std::string_view leaf = dir.substr(dir.rfind('/') + 1);  // "rc3.d"
    if (leaf.size() != 5 || !leaf.starts_with("rc") || !leaf.ends_with(".d")) continue;
    char level = leaf[2];
    if (level != 'S' && (level < '2' || level > '5')) continue;
    std::string_view name = link.name;
    if (name.size() < 3 || name[0] != 'S' || !std::isdigit(static_cast<unsigned char>(name[1])) ||
        !std::isdigit(static_cast<unsigned char>(name[2])))
      continue;
    if (name.substr(3) == script) return &link;
  }
  return nullptr;
}

std::vector<RcLink> read_rc_links(const RootFs& fs) {
  std::vector<RcLink> links;
  for (const char* dir : {"/etc/rcS.d", "/etc/rc2.d", "/etc/rc3.d", "/etc/rc4.d", "/etc/rc5.d",
                          "/etc/rc.d/rc2.d", "/etc/rc.d/rc3.d", "/etc/rc.d/rc4.d", "/etc/rc.d/rc5.d"}) {
    Result<std::vector<DirEntry>> entries = fs.list(dir);
    if (!entries) continue;
    for (const DirEntry& entry : *entries) {
      // A link whose script is gone starts nothing.
      if (fs.exists(std::string(dir) + "/" + entry.name)) links.push_back({dir, entry.name});
    }
  }
  return links;
}

std::string find_init_script(const RootFs& fs, std::string_view script) {
  for (const char* dir : {"/etc/init.d/", "/etc/rc.d/init.d/"}) {
    std::string path = dir + std::string(script);
    Result<struct stat> st = fs.stat(path);
    if (st && S_ISREG(st->st_mode)) return path;
  }
  return {};
}

}  // namespace image_agent::guest
