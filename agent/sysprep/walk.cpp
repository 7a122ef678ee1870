#include "sysprep/walk.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <utility>

namespace image_agent::sysprep {
namespace {

/// Where an entry is: its device and mount (nullopt where the kernel tells no mount IDs).
struct Place {
  dev_t dev = 0;
  std::optional<uint64_t> mount;
  bool operator==(const Place&) const = default;
};

Place root_place(const Context& context) {
  return {context.root_dev(), context.root_mount()};
}

/// The place of `path` (lstat'ed as `st`); nullopt (and an error) when its mount cannot
/// be looked up.
std::optional<Place> place_of(const Context& context, const std::string& path, const struct stat& st,
                              Plan& plan) {
  Place place{st.st_dev, std::nullopt};
  if (!context.root_mount()) return place;
  Result<std::optional<uint64_t>> mount = context.fs().mount_id(path, Follow::kNo);
  if (!mount) {
    plan.errors.push_back(mount.error());
    return std::nullopt;
  }
  place.mount = *mount;
  return place;
}

/// Plans removing the entry `path` (lstat'ed as `st`, inside a directory at `parent`)
/// and, for a directory, everything under it first. Returns true when nothing is left
/// behind, so the caller may remove the parent.
bool plan_tree_at(const Context& context, const std::string& path, const struct stat& st, const Place& parent,
                  Plan& plan) {
  if (!on_allowed_device(context, path, st, plan)) return false;
  if (!S_ISDIR(st.st_mode)) {
    plan.actions.push_back(make_action(context, ActionKind::kRemove, path, st));
    return true;
  }
  const std::optional<Place> here = place_of(context, path, st, plan);
  if (!here) return false;
  Result<std::vector<DirEntry>> entries = context.fs().list(path);
  if (!entries) {
    plan.errors.push_back(entries.error());
    return false;
  }
  bool emptied = true;
  for (const DirEntry& entry : *entries) {
    std::string child = join_path(path, entry.name);
    std::optional<struct stat> child_st = lstat_entry(context, child, plan);
    if (!child_st) continue;  // gone since the listing, or an error already recorded
    emptied = plan_tree_at(context, child, *child_st, *here, plan) && emptied;
  }
  if (!emptied) return false;
  // With --cross-mounts the contents of a mount point go, the mount point stays (a bind
  // mount of the same file system too: rmdir would fail on it, or remove it elsewhere).
  if (*here != parent) {
    plan.skipped.push_back({path, "mount point: emptied, kept"});
    return false;
  }
  plan.actions.push_back(make_action(context, ActionKind::kRemove, path, st, "directory"));
  return true;
}

}  // namespace

std::string join_path(std::string_view dir, std::string_view name) {
  std::string path(dir);
  if (path.empty() || path.back() != '/') path += '/';
  path += name;
  return path;
}

std::optional<struct stat> lstat_entry(const Context& context, const std::string& path, Plan& plan) {
  Result<struct stat> st = context.fs().stat(path, Follow::kNo);
  if (st) return *st;
  // ENOTDIR: a leading component is a file, so nothing of ours can be there.
  if (st.error().code != ENOENT && st.error().code != ENOTDIR) plan.errors.push_back(st.error());
  return std::nullopt;
}

bool on_allowed_device(const Context& context, const std::string& path, const struct stat& st, Plan& plan) {
  if (context.options().cross_mounts) return true;
  Result<std::string> why = context.off_root_mount(path, st);
  if (!why) {
    plan.errors.push_back(why.error());
    return false;
  }
  if (why->empty()) return true;
  plan.skipped.push_back({path, *why + " (use --cross-mounts)"});
  return false;
}

std::optional<Listing> list_directory(const Context& context, const std::string& path, Plan& plan) {
  std::optional<struct stat> st = lstat_entry(context, path, plan);
  if (!st) return std::nullopt;
  if (S_ISLNK(st->st_mode)) {
    plan.skipped.push_back({path, "a symlink: not followed"});
    return std::nullopt;
  }
  if (!S_ISDIR(st->st_mode)) {
    plan.skipped.push_back({path, "not a directory"});
    return std::nullopt;
  }
  if (!on_allowed_device(context, path, *st, plan)) return std::nullopt;
  Result<std::vector<DirEntry>> entries = context.fs().list(path);
  if (!entries) {
    plan.errors.push_back(entries.error());
    return std::nullopt;
  }
  return Listing{*st, std::move(*entries)};
}

void plan_remove_entry(const Context& context, const std::string& path, Plan& plan) {
  std::optional<struct stat> st = lstat_entry(context, path, plan);
  if (!st) return;
  if (S_ISDIR(st->st_mode)) {
    plan.skipped.push_back({path, "a directory: not removed"});
    return;
  }
  if (!on_allowed_device(context, path, *st, plan)) return;
  plan.actions.push_back(make_action(context, ActionKind::kRemove, path, *st));
}

bool plan_remove_tree(const Context& context, const std::string& path, Plan& plan) {
  const size_t errors = plan.errors.size();
  std::optional<struct stat> st = lstat_entry(context, path, plan);
  if (!st) return plan.errors.size() == errors;
  return plan_tree_at(context, path, *st, root_place(context), plan);
}

void plan_remove_contents(const Context& context, const std::string& path, Plan& plan) {
  std::optional<Listing> listing = list_directory(context, path, plan);
  if (!listing) return;
  const std::optional<Place> place = place_of(context, path, listing->st, plan);
  if (!place) return;
  for (const DirEntry& entry : listing->entries) {
    std::string child = join_path(path, entry.name);
    std::optional<struct stat> child_st = lstat_entry(context, child, plan);
    if (child_st) plan_tree_at(context, child, *child_st, *place, plan);
  }
}

void plan_truncate(const Context& context, const std::string& path, const struct stat& st, Plan& plan) {
  if (!S_ISREG(st.st_mode) || st.st_size == 0) return;
  if (!on_allowed_device(context, path, st, plan)) return;
  if (st.st_nlink > 1) {
    plan.skipped.push_back({path, "has other hard links: not truncated"});
    return;
  }
  plan.actions.push_back(make_action(context, ActionKind::kTruncate, path, st));
}

std::optional<std::string> path_in_home(const Context& context, const Home& home, std::string_view relative,
                                        Plan& plan) {
  std::string path = home.path;
  size_t start = 0;
  for (size_t slash = relative.find('/'); slash != std::string_view::npos;
       slash = relative.find('/', start)) {
    path = join_path(path, relative.substr(start, slash - start));
    start = slash + 1;
    std::optional<struct stat> st = lstat_entry(context, path, plan);
    if (!st) return std::nullopt;
    if (S_ISLNK(st->st_mode)) {
      plan.skipped.push_back({path, "a symlink: not followed"});
      return std::nullopt;
    }
    if (!S_ISDIR(st->st_mode)) return std::nullopt;
  }
  return join_path(path, relative.substr(start));
}

std::optional<std::string> read_regular(const Context& context, const std::string& path, size_t limit,
                                        Plan& plan) {
  auto fail = [&](const Error& error) {
    plan.errors.push_back(error);
    return std::nullopt;
  };
  Result<UniqueFd> fd = context.fs().open_file(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
  if (!fd) return fail(fd.error());
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return fail(Error::from_errno("stat " + guest_path(path)));
  if (!S_ISREG(st.st_mode) || static_cast<size_t>(st.st_size) > limit) return std::nullopt;
  std::string content;
  char buffer[16384];
  for (;;) {
    ssize_t n = ::read(fd->get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(Error::from_errno("read " + guest_path(path)));
    if (n == 0) return content;
    if (content.size() + static_cast<size_t>(n) > limit) return std::nullopt;
    content.append(buffer, static_cast<size_t>(n));
  }
}

Plan home_plan(const Context& context) {
  Plan plan;
  plan.skipped = context.skipped_homes();
  if (const Error* error = context.homes_error()) plan.errors.push_back(*error);
  return plan;
}

Action make_action(const Context& context, ActionKind kind, const std::string& path, const struct stat& st,
                   std::string note) {
  Action action;
  action.kind = kind;
  action.path = path;
  action.dev = st.st_dev;
  action.ino = st.st_ino;
  if (context.root_mount()) {
    // Unknown (a failed lookup) stays unset: the device and inode are still checked.
    if (Result<std::optional<uint64_t>> mount = context.fs().mount_id(path, Follow::kNo))
      action.mount = *mount;
  }
  action.type = st.st_mode & S_IFMT;
  action.note = std::move(note);
  return action;
}

}  // namespace image_agent::sysprep
