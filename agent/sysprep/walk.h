#pragma once

// Planning helpers every operation shares. They carry the safety rules, so operations
// cannot get them wrong one by one:
// - the last component of a path is never followed: a symlink is removed as a link, and
//   a symlinked directory is neither listed nor emptied;
// - an entry on another mount than the root (another device, or a bind mount of the
//   root's own file system: a mount point and what is under it) is skipped unless
//   Options::cross_mounts;
// - a directory is removed only after every entry in it was planned for removal, and
//   never when it is a mount point;
// - a file with other hard links is not truncated (that would empty the other names too).
#include <sys/stat.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sysprep/context.h"
#include "sysprep/operation.h"

namespace image_agent::sysprep {

/// "dir/name", without doubling the slash after "/".
std::string join_path(std::string_view dir, std::string_view name);

/// lstat through RootFs: the entry itself, or nullopt when there is none (ENOENT, or a
/// leading component that is not a directory). Other errors go to `plan.errors`.
std::optional<struct stat> lstat_entry(const Context& context, const std::string& path, Plan& plan);

/// True when `path` (lstat'ed as `st`) is on a mount the run may touch (the root's, or
/// any with Options::cross_mounts); adds a Skip otherwise (an error when its mount cannot
/// be looked up).
bool on_allowed_device(const Context& context, const std::string& path, const struct stat& st, Plan& plan);

/// A directory as list_directory() found it.
struct Listing {
  struct stat st {};
  std::vector<DirEntry> entries;
};

/// The entries of `path` when it is a real directory (not a symlink) on an allowed device;
/// nullopt (and a Skip or error, except when it does not exist) otherwise.
std::optional<Listing> list_directory(const Context& context, const std::string& path, Plan& plan);

/// Plans removing the entry at `path` when it is anything but a directory (a file, a
/// symlink, a socket). A directory there is skipped with a reason. Nothing there: nothing.
void plan_remove_entry(const Context& context, const std::string& path, Plan& plan);

/// Plans removing `path` with everything under it; a symlink is removed as a link.
/// Returns true when the whole tree was planned (so a parent may be removed too).
bool plan_remove_tree(const Context& context, const std::string& path, Plan& plan);

/// Plans removing everything inside the directory `path`, keeping the directory.
void plan_remove_contents(const Context& context, const std::string& path, Plan& plan);

/// Plans truncating the regular file `path` (already lstat'ed as `st`) when it is not
/// empty. Symlinks and other types are left alone; a file with other hard links is
/// skipped.
void plan_truncate(const Context& context, const std::string& path, const struct stat& st, Plan& plan);

/// `relative` under `home` ("a/b/name") when every directory leading to the last
/// component ("a", "a/b") is a real directory: a symlinked ~/.config is not followed
/// (a Skip), a missing one means nothing is there (nullopt either way).
std::optional<std::string> path_in_home(const Context& context, const Home& home, std::string_view relative,
                                        Plan& plan);

/// The content of the regular file `path`, read without following a final symlink;
/// nullopt (and an error) when it cannot be read, or when it is larger than `limit`.
std::optional<std::string> read_regular(const Context& context, const std::string& path, size_t limit,
                                        Plan& plan);

/// A plan for an operation that works in every home: it starts with the homes that were
/// left out (skips) and an unreadable /etc/passwd (an error).
Plan home_plan(const Context& context);

/// An Action for `path` with the identity of `st` and the mount it is on.
Action make_action(const Context& context, ActionKind kind, const std::string& path, const struct stat& st,
                   std::string note = {});

}  // namespace image_agent::sysprep
