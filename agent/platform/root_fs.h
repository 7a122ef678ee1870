#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/path_resolver.h"
#include "platform/result.h"
#include "platform/unique_fd.h"

namespace image_agent {

/// Whether the last component of a path is followed when it is a symlink.
enum class Follow { kYes, kNo };

/// One entry of a directory listing.
struct DirEntry {
  std::string name;
  mode_t type = 0;  ///< S_IFREG, S_IFDIR, S_IFLNK, ... (the entry itself, not a link's target)
};

/// Attributes for a file that replace_file() creates because none existed.
/// An existing file always keeps its own owner, mode and SELinux label.
struct NewFileAttributes {
  mode_t mode = 0644;
  std::optional<uid_t> uid;  ///< unset: the calling process's
  std::optional<gid_t> gid;
  std::optional<std::string> selinux_label;  ///< unset: what the policy gives new files
};

/// The one way image-agent touches a guest's files: every path is relative to a root
/// directory ("/" for the running system, a mounted image with --root) and resolves
/// inside it, symlinks included (see PathResolver). Guest paths are written as the guest
/// sees them ("/etc/shadow"). Nothing throws; errors name the guest path.
class RootFs {
 public:
  /// Opens `dir` as the root. `method` is for tests of the fallback resolver.
  static Result<RootFs> open(const std::string& dir, ResolveMethod method = ResolveMethod::kAuto);

  /// The root directory as given on the command line.
  const std::string& root() const { return root_; }
  /// The host path of a guest path, for messages and for tools that need one.
  std::string host_path(std::string_view path) const;
  ResolveMethod resolve_method() const { return resolver_.method(); }
  /// True when the root is this system's own "/" (however it was named): the live
  /// system, as opposed to a mounted image.
  bool is_host_root() const;

  /// open(2) beneath the root.
  Result<UniqueFd> open_file(std::string_view path, int flags, mode_t mode = 0) const;

  /// Reads a whole regular file (or a /proc or /sys file); fails above `limit` bytes
  /// rather than returning part of it.
  /// Never opens anything but a regular file: a FIFO could block forever, and opening a
  /// device node in an image mounted without nodev could act on the host's device.
  Result<std::string> read_file(std::string_view path, size_t limit = kDefaultReadLimit) const;

  /// `path` opened for reading, only when it is a regular file (see read_file): for a file
  /// read piece by piece.
  Result<UniqueFd> open_regular(std::string_view path) const;

  /// The first `size` bytes of a regular file (fewer when it is shorter), on the same terms.
  Result<std::string> read_head(std::string_view path, size_t size) const;

  /// The entries of a directory except "." and "..", sorted by name.
  Result<std::vector<DirEntry>> list(std::string_view path) const;

  Result<struct stat> stat(std::string_view path, Follow follow = Follow::kYes) const;

  /// The ID of the mount `path` is reached through (platform/mount_id.h), resolved as
  /// stat() resolves it; a mount point names the mount on it. nullopt when the kernel
  /// tells no mount IDs (before Linux 3.15, or without /proc): then only devices differ.
  Result<std::optional<uint64_t>> mount_id(std::string_view path, Follow follow = Follow::kYes) const;

  /// True when `path` resolves to an existing file of any type (a dangling symlink: false).
  /// Any failure counts as "no": for judging, not for deciding what to write.
  bool exists(std::string_view path) const;

  /// Whether `path` resolves to an existing file (with Follow::kNo: whether a link or file
  /// of that name exists): false only for ENOENT and ENOTDIR; any other failure (EIO,
  /// ELOOP, EACCES) is an error, since "absent" could make a caller skip what it must do
  /// (a link that pins a NIC name, a file to keep in step).
  Result<bool> present(std::string_view path, Follow follow = Follow::kYes) const;

  /// Whether any of `paths` is present(), in order; the first error stops the search.
  Result<bool> any_present(std::initializer_list<std::string_view> paths) const;

  Result<std::string> read_link(std::string_view path) const;

  /// Atomically replaces (or creates) a regular file: the content goes to a temp file in
  /// the same directory, which gets the old file's owner, mode and SELinux label, is
  /// fsynced and renamed over the old one; then the directory is fsynced. On a failure up
  /// to the rename the old file is untouched and the temp file removed; a failing directory
  /// fsync comes after it, so the new content is in place (callers that roll back must
  /// check what is there). A symlink at `path` is followed
  /// (inside the root) and its target replaced, so the link survives. Temp files of
  /// `path` that a killed run left (".NAME.image-agent-XXXXXXXX", regular, not locked by a
  /// live writer) are removed first.
  Result<void> replace_file(std::string_view path, std::string_view content,
                            const NewFileAttributes& attributes = {}) const;

  /// The owner, mode and SELinux label of the regular file at `path` (a final symlink
  /// followed inside the root): what replace_file() needs to recreate it as it was.
  Result<NewFileAttributes> attributes_of(std::string_view path) const;

  /// mkdir -p: creates the missing directories of `path` with `mode`.
  Result<void> make_dirs(std::string_view path, mode_t mode = 0755) const;

  /// Removes a file, symlink or empty directory. Returns false when there was nothing to
  /// remove. A final symlink is removed itself unless `follow` is kYes: then its target
  /// goes (inside the root) and the link stays.
  Result<bool> remove(std::string_view path, Follow follow = Follow::kNo) const;

  static constexpr size_t kDefaultReadLimit = size_t{64} * 1024 * 1024;

 private:
  RootFs(std::string root, UniqueFd fd, ResolveMethod method);

  /// The directory holding the last component (opened with `dir_flags`) and that
  /// component's name, following a final symlink when `follow`. Fails for paths that
  /// name no directory entry ("/", "..").
  using Parent = PathResolver::Location;
  Result<Parent> open_parent(std::string_view path, int dir_flags, Follow follow) const;
  std::string root_;
  UniqueFd root_fd_;
  PathResolver resolver_;
};

/// The content of `path` in the guest, or nullopt when nothing is there (ENOENT only;
/// any other failure, EIO or EACCES, is an error: never read a failing disk as absent).
Result<std::optional<std::string>> read_if_exists(const RootFs& fs, std::string_view path);

/// "/etc/x" for "etc/x", "/etc/x" and "//etc/x": how messages show guest paths.
std::string guest_path(std::string_view path);

}  // namespace image_agent
