#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.h"
#include "platform/root_fs.h"
#include "sysprep/plan.h"

namespace image_agent::sysprep {

/// A home directory from the guest's /etc/passwd (or /root, or a directory under /home).
struct Home {
  std::string path;  ///< guest path as the guest names it, e.g. "/home/alice"
  std::string user;  ///< empty for a directory under /home that no account names
  uid_t uid = 0;
};

struct Options {
  /// Also work on file systems mounted under the root (a separate /home, /var/log, /tmp).
  bool cross_mounts = false;
};

/// What every operation plans against: the guest, the options and facts gathered once.
class Context {
 public:
  /// Gathers the root's device and the homes. An unreadable /etc/passwd is an error of
  /// the operations that need homes (homes_error()), not of the whole run.
  static Result<Context> make(const RootFs& fs, Options options);

  const RootFs& fs() const { return *fs_; }
  const Options& options() const { return options_; }
  /// The device of the root directory; entries on another device are on another mount.
  dev_t root_dev() const { return root_dev_; }
  /// The mount ID of the root directory; nullopt when the kernel tells none.
  std::optional<uint64_t> root_mount() const { return root_mount_; }
  /// Why `path` (stat'ed as `st`; a final symlink followed when `follow`) is not on the
  /// root's own mount, or "" when it is: another device, or the same device through
  /// another mount (a bind mount of the root's file system, such as a chroot build's
  /// bind of the host's /tmp). Where the kernel tells no mount IDs only devices count.
  /// An error when the path's mount cannot be looked up (EIO): never read as "no".
  Result<std::string> off_root_mount(std::string_view path, const struct stat& st,
                                     Follow follow = Follow::kNo) const;
  /// Root's home first, then every other distinct existing home directory.
  const std::vector<Home>& homes() const { return homes_; }
  /// Homes left out: on another mount (without --cross-mounts), or not directories.
  const std::vector<Skip>& skipped_homes() const { return skipped_homes_; }
  /// Why the homes may be incomplete (unreadable /etc/passwd), or nullptr.
  const Error* homes_error() const { return homes_error_.message.empty() ? nullptr : &homes_error_; }

 private:
  Context(const RootFs& fs, Options options) : fs_(&fs), options_(options) {}

  const RootFs* fs_;
  Options options_;
  dev_t root_dev_ = 0;
  std::optional<uint64_t> root_mount_;
  std::vector<Home> homes_;
  std::vector<Skip> skipped_homes_;
  Error homes_error_;
};

}  // namespace image_agent::sysprep
