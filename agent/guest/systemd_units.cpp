#include "guest/systemd_units.h"

namespace image_agent::guest {
namespace {

constexpr std::string_view kEtc = "/etc/systemd/system";

bool is_link_dir(std::string_view name) {
  return name.ends_with(".wants") || name.ends_with(".requires");
}

void add_links(const RootFs& fs, const std::string& dir, std::vector<UnitLink>& links) {
  Result<std::vector<DirEntry>> entries = fs.list(dir);
  if (!entries) return;
  for (const DirEntry& entry : *entries) {
    if (entry.type != S_IFLNK) continue;
    std::string path = dir + "/" + entry.name;
    Result<std::string> target = fs.read_link(path);
    if (!target) continue;
    links.push_back({dir, entry.name, *target, *target == "/dev/null" || fs.exists(path)});
  }
}

}  // namespace

const std::vector<std::string>& unit_directories() {
  static const std::vector<std::string> dirs{"/etc/systemd/system", "/run/systemd/system",
                                             "/usr/local/lib/systemd/system", "/usr/lib/systemd/system",
                                             "/lib/systemd/system"};
  return dirs;
}

UnitEnablement unit_enablement(const std::vector<UnitLink>& links, std::string_view unit) {
  UnitEnablement result;
  for (const UnitLink& link : links) {
    if (link.name != unit) continue;
    if (link.dir == kEtc && link.target == "/dev/null")
      return {UnitState::kMasked, link.dir + "/" + link.name};
    std::string_view dir = link.dir;
    std::string_view leaf = dir.substr(dir.rfind('/') + 1);
    if (result.state == UnitState::kDisabled && is_link_dir(leaf) && link.resolves &&
        link.target != "/dev/null") {
      result = {UnitState::kEnabled, link.dir + "/" + link.name};
    }
  }
  return result;
}

std::vector<UnitLink> read_unit_links(const RootFs& fs) {
  std::vector<UnitLink> links;
  for (std::string_view base :
       {kEtc, std::string_view("/usr/lib/systemd/system"), std::string_view("/lib/systemd/system")}) {
    Result<std::vector<DirEntry>> entries = fs.list(base);
    if (!entries) continue;
    if (base == kEtc) add_links(fs, std::string(base), links);  // masks and aliases
    for (const DirEntry& entry : *entries) {
      if (entry.type == S_IFDIR && is_link_dir(entry.name))
        add_links(fs, std::string(base) + "/" + entry.name, links);
    }
  }
  return links;
}

std::string find_unit_file(const RootFs& fs, std::string_view unit) {
  for (const std::string& dir : unit_directories()) {
    std::string path = dir + "/" + std::string(unit);
    Result<struct stat> st = fs.stat(path);
    if (st && S_ISREG(st->st_mode)) return path;
  }
  return {};
}

}  // namespace image_agent::guest
