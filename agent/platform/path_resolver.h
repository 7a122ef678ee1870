#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "platform/result.h"
#include "platform/unique_fd.h"

namespace image_agent {

/// How paths are resolved beneath a root directory.
enum class ResolveMethod {
  kAuto,      ///< openat2(RESOLVE_IN_ROOT) when the kernel has it, else kUserspace.
  kOpenat2,   ///< Same as kAuto; method() tells whether the kernel had openat2.
  kUserspace  ///< One component at a time with O_PATH|O_NOFOLLOW; works on Linux >= 2.6.39.
};

/// Opens paths as if `root_fd` were "/": "..", absolute symlinks and relative symlinks
/// are all resolved inside the root and can never reach a file outside it, like
/// chroot(2) or openat2(RESOLVE_IN_ROOT). Magic links (/proc/PID/fd/N) are not followed.
class PathResolver {
 public:
  /// `root_fd` is borrowed and must outlive the resolver.
  PathResolver(int root_fd, ResolveMethod method);

  /// Opens `path` (relative to the root; a leading "/" is allowed) with open(2) `flags`.
  /// The last component is followed unless `flags` has O_NOFOLLOW; with O_PATH|O_NOFOLLOW
  /// a final symlink is opened itself.
  Result<UniqueFd> open(std::string_view path, int flags, mode_t mode = 0) const;

  /// Where the last component of `path` lives: its directory (an O_PATH descriptor) and
  /// its name, which need not exist. Symlinks on the way, and the last component itself
  /// when `follow_last`, are followed inside the root. `name` is empty when the path names
  /// a directory itself ("/", "a/.."). Always resolved in userspace.
  struct Location {
    UniqueFd dir;
    std::string name;
  };
  Result<Location> locate(std::string_view path, bool follow_last) const;

  ResolveMethod method() const { return method_; }

 private:
  Result<UniqueFd> open_openat2(std::string_view path, int flags, mode_t mode) const;
  Result<UniqueFd> open_userspace(std::string_view path, int flags, mode_t mode) const;

  int root_fd_;
  ResolveMethod method_;
};

/// Fails when `path` climbs above the root lexically ("../etc", "a/../../b"): callers
/// name guest paths, and one that starts outside the root is a bug, not a symlink.
Result<void> check_path_stays_in_root(std::string_view path);

}  // namespace image_agent
