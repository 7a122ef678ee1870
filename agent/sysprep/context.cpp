#include "sysprep/context.h"

#include <cerrno>
#include <set>
#include <utility>

#include "platform/accounts.h"

namespace image_agent::sysprep {

Result<Context> Context::make(const RootFs& fs, Options options) {
  Context context(fs, options);
  Result<struct stat> root = fs.stat("/");
  if (!root) return root.error();
  context.root_dev_ = root->st_dev;
  Result<std::optional<uint64_t>> root_mount = fs.mount_id("/");
  if (!root_mount) return root_mount.error();
  context.root_mount_ = *root_mount;

  // Where homes can be: root's, every account's (from the guest's own /etc/passwd, never
  // NSS), and directories under /home that no account names any more (a deleted user's).
  std::vector<Home> candidates{{"/root", "root", 0}};
  Result<AccountFile<PasswdEntry>> passwd = read_passwd(fs);
  if (passwd) {
    for (const PasswdEntry& entry : passwd->entries) {
      if (!entry.home.empty() && entry.home.front() == '/')
        candidates.push_back({entry.home, entry.name, entry.uid});
    }
  } else if (passwd.error().code != ENOENT) {
    context.homes_error_ = passwd.error();
  }
  if (Result<std::vector<DirEntry>> under_home = fs.list("/home")) {
    for (const DirEntry& entry : *under_home) {
      if (entry.type == S_IFDIR) candidates.push_back({"/home/" + entry.name, "", 0});
    }
  }

  // One home per directory: /home/alice from passwd and from the listing are the same.
  std::set<std::pair<dev_t, ino_t>> seen;
  for (Home& home : candidates) {
    // The home itself is resolved as the guest would (inside the root), so a /home that
    // is a symlink to /var/home works; nothing below it is followed.
    Result<struct stat> st = fs.stat(home.path, Follow::kYes);
    if (!st || !S_ISDIR(st->st_mode)) continue;
    if (!seen.insert({st->st_dev, st->st_ino}).second) continue;
    if (!options.cross_mounts) {
      Result<std::string> why = context.off_root_mount(home.path, *st, Follow::kYes);
      if (!why) {
        // Not knowing where a home is must not read as "nothing to clean there".
        if (context.homes_error_.message.empty()) context.homes_error_ = why.error();
        continue;
      }
      if (!why->empty()) {
        context.skipped_homes_.push_back({home.path, "home " + *why + " (use --cross-mounts)"});
        continue;
      }
    }
    context.homes_.push_back(std::move(home));
  }
  return context;
}

Result<std::string> Context::off_root_mount(std::string_view path, const struct stat& st,
                                            Follow follow) const {
  if (st.st_dev != root_dev_) return std::string("on another file system");
  if (!root_mount_) return std::string();  // a kernel before 3.15 (or no /proc): the device must do
  // Looked up by a second resolution of the path: a file swapped in between is caught
  // when the action is applied (same device, inode and mount, apply.cpp).
  Result<std::optional<uint64_t>> mount = fs_->mount_id(path, follow);
  if (!mount) return mount.error();
  if (*mount != root_mount_) return std::string("on another mount (a bind mount)");
  return std::string();
}

}  // namespace image_agent::sysprep
