#include "precheck/facts/homes.h"

#include <cstdint>
#include <optional>
#include <set>

#include "platform/accounts.h"

namespace image_agent::precheck {

Homes find_homes(const RootFs& fs) {
  Homes result;
  Result<struct stat> root = fs.stat("/");
  if (!root) return result;
  // As sysprep tells mounts apart (sysprep/context.cpp): a bind mount of the root's own
  // file system (a home bound in from the host) is another mount too.
  Result<std::optional<uint64_t>> root_mount = fs.mount_id("/");
  if (!root_mount) return result;
  std::vector<Home> candidates{{"/root", "root"}};
  if (Result<AccountFile<PasswdEntry>> passwd = read_passwd(fs)) {
    for (const PasswdEntry& entry : passwd->entries) {
      if (!entry.home.empty() && entry.home.front() == '/') candidates.push_back({entry.home, entry.name});
    }
  }
  if (Result<std::vector<DirEntry>> under_home = fs.list("/home")) {
    for (const DirEntry& entry : *under_home) {
      if (entry.type == S_IFDIR) candidates.push_back({"/home/" + entry.name, ""});
    }
  }
  std::set<std::pair<dev_t, ino_t>> seen;
  for (Home& home : candidates) {
    Result<struct stat> st = fs.stat(home.path, Follow::kYes);
    if (!st || !S_ISDIR(st->st_mode)) continue;
    if (!seen.insert({st->st_dev, st->st_ino}).second) continue;
    if (st->st_dev != root->st_dev) {
      result.skipped.emplace_back(home.path, "on another file system");
      continue;
    }
    if (*root_mount) {
      Result<std::optional<uint64_t>> mount = fs.mount_id(home.path, Follow::kYes);
      if (!mount || *mount != *root_mount) {
        result.skipped.emplace_back(home.path, "on another mount (a bind mount)");
        continue;
      }
    }
    result.homes.push_back(std::move(home));
  }
  return result;
}

const Homes& homes(const Context& context) {
  return context.fact<Homes>("system.homes", [&] { return find_homes(context.fs()); });
}

}  // namespace image_agent::precheck
